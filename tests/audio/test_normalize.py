import pytest

from articlecast.audio.normalize import speakable, speakable_marked

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
    # the gaps issue 12 found, one row each
    # telephone numbers are read digit by digit, in their groups
    ("Tel. 030 12345678", "Tel. null drei null, eins zwei drei vier fünf sechs sieben acht"),
    ("Mobil: 0171/1234567", "Mobil: null eins sieben eins, eins zwei drei vier fünf sechs sieben"),
    ("+49 30 1234567", "plus vier neun, drei null, eins zwei drei vier fünf sechs sieben"),
    # a hyphen between numbers is a range
    ("von 2020-2024", "von zweitausendzwanzig bis zweitausendvierundzwanzig"),
    ("10-20 Jahre", "zehn bis zwanzig Jahre"),
    # ordinals after a preposition or article, also from 100 on and before a capital
    ("Zum 100. Mal feiert das Dorf.", "Zum hundertsten Mal feiert das Dorf."),
    ("Das war 2023. Danach kam mehr.", "Das war zweitausenddreiundzwanzig. Danach kam mehr."),  # unchanged
    # regnal numbers after a given name, numbers after other words
    ("Friedrich II. war König.", "Friedrich der zweite war König."),
    ("Teil II erscheint.", "Teil zwei erscheint."),
    # a capitalised abbreviation opening a sentence
    ("Ca. 50 Leute kamen.", "Zirka fünfzig Leute kamen."),
    ("Im Sog. Dann kam er.", "Im Sog. Dann kam er."),  # a noun's sentence end is no abbreviation
    # fractions
    ("1/3 der Fläche", "ein Drittel der Fläche"),
    ("2/3 der Fläche", "zwei Drittel der Fläche"),
    # scores and compounds with numbers and units
    ("ein 3:1-Sieg", "ein drei zu eins Sieg"),
    ("Es steht 2:0.", "Es steht zwei zu null."),
    ("der 5-km-Lauf", "der fünf Kilometer Lauf"),
    ("mit 3 GHz", "mit drei Gigahertz"),
    ("256 GB Speicher", "zweihundertsechsundfünfzig Gigabyte Speicher"),
    # one agrees with its noun
    ("1 Person", "eine Person"),
    ("1 Zeitung", "eine Zeitung"),
    ("1 Haus", "ein Haus"),
    # social media and emoji
    ("Unter #China posten sie.", "Unter Hashtag China posten sie."),
    ("Laut @spiegelonline stimmt das.", "Laut spiegelonline stimmt das."),
    ("Super 😀🚀 Sache!", "Super Sache!"),
    ("Familie 👨‍👩‍👧 am Strand", "Familie am Strand"),
    ("die 90er", "die neunziger"),
    # an e-mail address is still an address, not a mention
    ("info@dorf.de", "info ät dorf Punkt de"),
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
    # the gaps issue 12 found, one row each
    ("Call (555) 123-4567 today.", "Call five five five, one two three, four five six seven today."),
    ("Call 555-123-4567.", "Call five five five, one two three, four five six seven."),
    ("+1 212 555 0100", "plus one, two one two, five five five, zero one zero zero"),
    ("on 11/24/2026", "on November twenty-fourth, twenty twenty-six"),
    ("open 24/7", "open twenty-four seven"),
    ("music of the '90s", "music of the nineties"),
    ("music of the 90s", "music of the nineties"),
    ("after World War II", "after World War two"),
    ("Louis XIV built it.", "Louis the fourteenth built it."),
    ("10-20 people", "ten to twenty people"),
    ("a 5-km run", "a five kilometer run"),
    ("a 3:1 win", "a three to one win"),
    ("2/3 of them", "two thirds of them"),
    ("at 10:05", "at ten oh five"),  # a time is no score
    ("E.g. this one", "For example this one"),
    ("#Election2026 trends", "hashtag Election2026 trends"),
    ("Great 👍 work", "Great work"),
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


def test_an_english_acronym_in_german_is_spelled_with_english_letters_in_english():
    marked = speakable_marked("Der CEO sagt", "de")
    assert marked == "Der \ue000en\ue002C.E.O.\ue001 sagt"
    assert speakable("Der CEO sagt", "de") == "Der C.E.O. sagt"
    assert speakable("Die CDU sagt", "de") == "Die Ze De U sagt"  # German acronyms keep German letters
