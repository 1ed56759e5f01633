import pytest

from articlecast.audio.normalize import speakable

GERMAN = [
    # numbers, years, separators, decimals
    ("Es kamen 250 Gäste.", "Es kamen zweihundertfünfzig Gäste."),
    ("Im Jahr 1999 begann es.", "Im Jahr neunzehnhundertneunundneunzig begann es."),
    ("Seit 2024 läuft es.", "Seit zweitausendvierundzwanzig läuft es."),
    ("Es waren 1.850 Mitglieder.", "Es waren eintausendachthundertfünfzig Mitglieder."),
    ("Der DAX stand bei 18.000 Punkten.", "Der Dax stand bei achtzehntausend Punkten."),
    ("Der Wert lag bei 3,5.", "Der Wert lag bei drei Komma fünf."),
    ("Version 3.5 ist da.", "Version drei Punkt fünf ist da."),
    ("Es ist 1 Ziel.", "Es ist ein Ziel."),
    ("in den 1990er Jahren", "in den neunzehnhundertneunziger Jahren"),
    ("Es hat -5 Grad.", "Es hat minus fünf Grad."),
    ("zwischen 10–20 Jahren", "zwischen zehn bis zwanzig Jahren"),
    # amounts: scales, currencies, percent, units
    ("Das kostet 1,5 Mrd. Euro.", "Das kostet eins Komma fünf Milliarden Euro."),
    ("Sie bekam 2 Mio. Euro.", "Sie bekam zwei Millionen Euro."),
    ("Er bekam 1 Mio. Euro.", "Er bekam eine Million Euro."),
    ("Es kostet 5,99 €.", "Es kostet fünf Euro neunundneunzig."),
    ("Es kostet € 5.", "Es kostet fünf Euro."),
    ("Es kostet 1 Euro.", "Es kostet ein Euro."),
    ("Gut 40 $ mehr.", "Gut vierzig Dollar mehr."),
    ("Ein Plus von 3,5 %.", "Ein Plus von drei Komma fünf Prozent."),
    ("Ein Plus von 12 Prozent.", "Ein Plus von zwölf Prozent."),
    ("Die Anlage hat 12 MW.", "Die Anlage hat zwölf Megawatt."),
    ("Sie liefert 1 MWh am Tag.", "Sie liefert eine Megawattstunde am Tag."),
    ("Sie liefert 40 MWh.", "Sie liefert vierzig Megawattstunden."),
    ("Es ist 21 °C warm.", "Es ist einundzwanzig Grad Celsius warm."),
    ("Nach 5 km und 3 kg.", "Nach fünf Kilometer und drei Kilogramm."),
    # ordinals and dates
    ("Der 3. Platz ging an sie.", "Der dritte Platz ging an sie."),
    ("Am 14. Mai kam er.", "Am vierzehnten Mai kam er."),
    ("Berlin, 14. Mai 2024", "Berlin, vierzehnter Mai zweitausendvierundzwanzig"),
    ("Am 14.05.2024 war es so.", "Am vierzehnten Mai zweitausendvierundzwanzig war es so."),
    ("zum 2. Mal", "zum zweiten Mal"),
    ("Das war 2023. Danach kam mehr.", "Das war zweitausenddreiundzwanzig. Danach kam mehr."),
    # times
    ("Um 14:30 Uhr beginnt es.", "Um vierzehn Uhr dreißig beginnt es."),
    ("Um 9 Uhr beginnt es.", "Um neun Uhr beginnt es."),
    ("Um 18.00 Uhr endet es.", "Um achtzehn Uhr endet es."),
    # abbreviations
    ("z. B. Strom", "zum Beispiel Strom"),
    ("z.B. Strom", "zum Beispiel Strom"),
    ("u. a. Wind bzw. Sonne", "unter anderem Wind beziehungsweise Sonne"),
    ("ca. 300 Leute", "zirka dreihundert Leute"),
    ("Dr. Weber und Prof. Lang", "Doktor Weber und Professor Lang"),
    ("Haus Nr. 5", "Haus Nummer fünf"),
    ("Strom, Wärme usw. Dann kam", "Strom, Wärme und so weiter. Dann kam"),
    ("Strom usw.", "Strom und so weiter."),
    # acronyms: spelled vs read as a word
    ("Die KI hilft.", "Die Ka I hilft."),
    ("Die USA zögern.", "Die U Es A zögern."),
    ("Die NATO tagt.", "Die Nato tagt."),
    ("Der BAT schreibt.", "Der Be A Te schreibt."),
    ("Die OPEC tagt.", "Die Opec tagt."),
    ("KI-Forscher", "Ka I-Forscher"),
    # addresses and symbols
    ("Mehr auf https://www.beispiel.de/energie?ref=1.", "Mehr auf beispiel Punkt de Schrägstrich energie."),
    ("Post an info@beispiel.de bitte.", "Post an info ät beispiel Punkt de bitte."),
    ("Forschung & Entwicklung", "Forschung und Entwicklung"),
    ("nach § 5", "nach Paragraf fünf"),
    ("Wind + Sonne", "Wind plus Sonne"),
    ("mit Bus/Bahn", "mit Bus oder Bahn"),
    ("Es war – sagt sie – gut.", "Es war, sagt sie, gut."),
]

ENGLISH = [
    ("There were 250 guests.", "There were two hundred and fifty guests."),
    ("In 1999 it began.", "In nineteen ninety-nine it began."),
    ("By 2024 it ran.", "By twenty twenty-four it ran."),
    ("It had 1,200 members.", "It had one thousand two hundred members."),
    ("A value of 3.5 now.", "A value of three point five now."),
    ("in the 1990s", "in the nineteen nineties"),
    ("It cost $1.5 billion.", "It cost one point five billion dollars."),
    ("It costs $5.99 today.", "It costs five dollars and ninety-nine cents today."),
    ("Only $1 more.", "Only one dollar more."),
    ("A rise of 3.5% now.", "A rise of three point five percent now."),
    ("It stores 12 MWh.", "It stores twelve megawatt hours."),
    ("It is 1 km long.", "It is one kilometer long."),
    ("the 3rd time", "the third time"),
    ("the 21st century", "the twenty-first century"),
    ("On May 14, 2024 it opened.", "On May fourteenth, twenty twenty-four it opened."),
    ("on 14 May 2024", "on the fourteenth of May twenty twenty-four"),
    ("at 2:30 pm", "at two thirty P.M."),
    ("at 10:00 sharp", "at ten o'clock sharp"),
    ("at 9:05 am", "at nine oh five A.M."),
    ("e.g. lamps", "for example lamps"),
    ("Mr. Smith and Mrs. Jones", "Mister Smith and Missus Jones"),
    ("Books, lamps, etc. Then", "Books, lamps, et cetera. Then"),
    ("The USA and NATO", "The U.S.A. and Nato"),
    ("The BAT report", "The B.A.T. report"),
    ("Ask the AI.", "Ask the A.I."),
    ("Write to desk@library.org today.", "Write to desk at library dot org today."),
    ("R&D + more", "R and D plus more"),
]


@pytest.mark.parametrize("written, spoken", GERMAN)
def test_german(written, spoken):
    assert speakable(written, "de") == spoken


@pytest.mark.parametrize("written, spoken", ENGLISH)
def test_english(written, spoken):
    assert speakable(written, "en") == spoken


@pytest.mark.parametrize("lexicon, written, spoken", [
    ({"NATO": "Nato"}, "Die NATO tagt.", "Die Nato tagt."),
    ({"BAT": "Batt"}, "Der BAT und BATTERIE", "Der Batt und BATTERIE"),  # whole words only
    ({"Xi": "Schi"}, "Xi Jinping sprach.", "Schi Jinping sprach."),
    ({"New York": "Nju Jork", "New York Times": "Nju Jork Teims"}, "Die New York Times", "Die Nju Jork Teims"),
    ({"1.850": "rund zweitausend"}, "Es waren 1.850 Leute.", "Es waren rund zweitausend Leute."),  # before the rest
])
def test_lexicon_applies_first_to_whole_words(lexicon, written, spoken):
    assert speakable(written, "de", lexicon) == spoken


@pytest.mark.parametrize("text", ["", "Nur Wörter, keine Zahlen.", "„Wir fangen an“, sagt sie."])
def test_plain_prose_passes_unchanged(text):
    assert speakable(text, "de") == text
