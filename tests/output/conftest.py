from podcast_fixtures import podcast, served  # noqa: F401  (fixtures for every test in this folder)
from upload_servers import s3_server, sshd  # noqa: F401  (real SSH and S3 servers, started on demand)
