"""articlecast: turn a written article into a podcast episode."""
import os

__version__ = "0.1.0"

# articlecast runs its own parallel work (synthesis workers, MP3 parts on every core); OpenBLAS's threads
# for the small matrix products of its filters (audio/filters.py) only compete for the same cores: on a
# busy 2-core machine they made the K-weighting filter 3-4x slower. Read by OpenBLAS when numpy loads,
# so set before anything imports it; a value the user set wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
