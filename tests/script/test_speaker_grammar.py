"""Who speaks a quote by the grammar of the clause that frames it, and what kind of speaker it is.

Every example is written for these tests: one small article per rule, German and English.
"""
from __future__ import annotations

import pytest

from articlecast.script.grammar import clause_subject, tag_words
from articlecast.script.model import UNKNOWN, Article, Block
from articlecast.script.narrate import make_script
from articlecast.script.phrases import tokenize


def article(*paragraphs: str, language: str = "de") -> Article:
    return Article("Titel", None, language, "-", tuple(Block("paragraph", p) for p in paragraphs))


def quotes_of(*paragraphs: str, language: str = "de") -> dict[str, str]:
    """First three words of each quote -> its speaker."""
    script = make_script(article(*paragraphs, language=language))
    return {" ".join(s.text.split()[:3]): s.speaker for s in script.segments if s.kind == "quote"}


def cast_of(*paragraphs: str, language: str = "de") -> dict[str, str]:
    """Cast name -> kind, without the narrator."""
    script = make_script(article(*paragraphs, language=language))
    return {name: member.kind for name, member in script.cast.items() if name != "narrator"}


def subject_text(clause: str, language: str) -> str | None:
    tokens = tokenize(clause)
    found = clause_subject(tokens, language)
    return None if found is None else " ".join(t.text for t in tokens[found.start:found.end])


# --- the tagger and the subject of a clause ---------------------------------------------------


def test_the_tagger_reads_verbs_and_nouns_of_both_languages():
    de = tag_words(("Die", "Kommission", "bewertet", "den", "Plan"), "de")
    assert [t.coarse for t in de] == ["det", "noun", "verb", "det", "noun"]
    assert de[2].lemma == "bewerten"
    en = tag_words(("The", "council", "concluded", "its", "review"), "en")
    assert en[2].coarse == "verb" and en[2].lemma == "conclude"


@pytest.mark.parametrize("clause, language, subject", [
    ("Die Kommission bewertet den Plan", "de", "Die Kommission"),  # the subject opens the clause
    ("Dazu spekulierte die Ministerin am Abend", "de", "die Ministerin"),  # an adverb first: it follows the verb
    ("Als sie ankam , befürwortete Jana Wolf den Plan", "de", "Jana Wolf"),  # a clause first: likewise
    ("Dem Sender sagte Tom Berger", "de", "Tom Berger"),  # a dative opens it: the subject follows the verb
    ("In dem Bericht heißt es", "de", None),  # "es" is nobody; the caller looks for the text that says it
    ("The council concluded", "en", "The council"),
    ("While prices rose , the mayor warned", "en", "the mayor"),
    ("told The Daily Courier", "en", None),  # whom someone told, not who spoke
])
def test_the_subject_of_a_clause(clause, language, subject):
    assert subject_text(clause, language) == subject


# --- whatever the verb --------------------------------------------------------------------------


def test_any_verb_right_after_the_quote_names_its_speaker():
    found = quotes_of("Der Gemeinderat tagte am Montag. „Das Projekt ist zu teuer geplant“, bewertet Ina Roth den Entwurf.")
    assert found == {"Das Projekt ist": "Ina Roth"}


def test_any_verb_before_a_colon_names_its_speaker_and_the_body_is_an_organisation():
    paragraph = "Das Ministerium befürwortet den Plan: „Wir stellen das Geld im Herbst bereit.“"
    assert quotes_of(paragraph) == {"Wir stellen das": "Ministerium"}
    assert cast_of(paragraph) == {"Ministerium": "organisation"}


def test_a_text_that_says_something_is_a_document():
    paragraph = "In dem Bericht heißt es: „Die Brücke muss bis zum Winter gesperrt bleiben.“"
    assert quotes_of(paragraph) == {"Die Brücke muss": "Bericht"}
    assert cast_of(paragraph) == {"Bericht": "document"}
    english = 'The report concluded: "The bridge has to stay closed until the winter."'
    assert quotes_of(english, language="en") == {"The bridge has": "report"}
    assert cast_of(english, language="en") == {"report": "document"}


def test_a_colon_at_a_paragraphs_end_introduces_the_quote_of_the_next():
    found = quotes_of("Die Bürgermeisterin Jana Wolf wandte sich am Abend an die Gäste:",
                      "„Wir feiern heute zehn Jahre Dorfladen und danken allen Helfern.“")
    assert found == {"Wir feiern heute": "Jana Wolf"}


def test_a_sentence_that_points_back_names_the_speaker_of_a_quote_standing_alone():
    found = quotes_of("Der Haushalt wurde am Freitag beschlossen. „Ja, es gibt Einschnitte.“ "
                      "Das räumte Finanzministerin Petra Lang gestern ein.")
    assert found == {"Ja, es gibt": "Petra Lang"}


def test_a_clause_that_frames_a_quote_names_its_speaker():
    found = quotes_of("Die Richterin Ana Brix geht davon aus, dass der Angeklagte „aus reiner Habgier gehandelt“ habe.")
    assert found == {"aus reiner Habgier": "Ana Brix"}


def test_a_fragment_without_a_subject_stays_with_the_narrator():
    script = make_script(article("Der Verein sucht nach einer „Lösung für alle Beteiligten“ im Streit um den Platz."))
    assert [s.kind for s in script.segments if s.kind == "quote"] == []


def test_two_speakers_claiming_one_quote_leave_it_unknown():
    found = quotes_of("Während Ina Roth erklärte, müde zu sein, „ein schöner Tag war es trotzdem“, "
                      "räumte Tom Berger ein, das Spiel verloren zu haben.")
    assert found == {"ein schöner Tag": UNKNOWN}


def test_a_quote_in_brackets_after_a_name_is_that_persons():
    found = quotes_of("Gratuliert haben der Vorsitzende Tom Berger, die Leiterin der Schule, Ina Roth "
                      "(„Das hat sich die Klasse verdient.“), und viele Eltern.")
    assert found == {"Das hat sich": "Ina Roth"}


# --- who is a speaker -----------------------------------------------------------------------------


def test_a_role_resolves_to_the_person_the_article_described_so():
    found = quotes_of("Bundeskanzlerin Marta Vogt besuchte am Morgen das Werk.",
                      "Die Arbeiter zeigten ihr die neue Halle.",
                      "Danach gab es Kaffee und Kuchen im Hof.",
                      "„Ich bin beeindruckt von dieser Arbeit“, sagte die Kanzlerin.")
    assert found == {"Ich bin beeindruckt": "Marta Vogt"}


def test_a_role_at_the_same_body_resolves_to_the_person_described_by_another_role_there():
    found = quotes_of("BVG-Chef Jan Vogt will den Betrieb umbauen.",
                      "Vor vielen Zuhörern bekräftigte er seine Ziele.",
                      "Die Stimmung im Saal war gut.",
                      "„Gerade unser Standort ist wichtig“, betonte der BVG-Boss in seiner Rede.")
    assert found == {"Gerade unser Standort": "Jan Vogt"}


def test_a_role_without_an_article_is_a_title_before_the_name():
    paragraphs = ("Das Team hat Sorgen. Dirk Albers leitet die Mannschaft in Oslo.",
                  "„Wir warten jetzt auf das Ergebnis“, sagte Chef de Mission Albers.")
    assert quotes_of(*paragraphs) == {"Wir warten jetzt": "Dirk Albers"}
    assert cast_of(*paragraphs) == {"Dirk Albers": "person"}


def test_a_group_in_the_dative_is_no_speaker():
    paragraph = "„Die Preise steigen im Herbst deutlich“, so einer von den Insidern."
    assert quotes_of(paragraph) == {"Die Preise steigen": UNKNOWN}
    assert cast_of(paragraph) == {}


def test_a_surname_with_a_noun_ending_that_the_name_data_knows_is_a_name():
    assert quotes_of("„Wir hatten viele Anfragen“, sagte Edmon Chung.") == {"Wir hatten viele": "Edmon Chung"}


def test_a_publication_in_quote_marks_after_the_verb_wrote_the_words():
    paragraphs = ("Der Sänger Paul Brenner ist tot.",
                  "„Er war der Kopf, der bleibt. Der Künstler.“, schrieb „Die Woche“ in einem Nachruf.")
    assert quotes_of(*paragraphs) == {"Er war der": "Die Woche"}
    assert cast_of(*paragraphs) == {"Die Woche": "organisation"}


def test_a_hyphenated_given_name_after_a_verb_ending_like_an_adjective_stays_in_the_name():
    found = quotes_of("Heute wurde Hans-Peter Kollwitz als neuer Leiter vorgestellt.",
                      "Auf der Seite des Vereins wird Kollwitz so zitiert: „Wir haben viel Arbeit vor uns.“")
    assert found == {"Wir haben viel": "Hans-Peter Kollwitz"}


def test_a_focus_particle_and_an_apposition_belong_to_the_subject_before_the_verb():
    found = quotes_of("Die Richter prüfen ein Verbot der Partei.",
                      "Auch der Sprecher der Fraktion, Dieter Hasselbach, will „in den kommenden Wochen sorgfältig "
                      "prüfen“, ob ein Verbot kommt.")
    assert found == {"in den kommenden": "Dieter Hasselbach"}


def test_a_few_quoted_words_after_a_common_noun_are_its_name():
    found = quotes_of("Der Minister Paul Brenner hat Berichte der Wochenzeitung „Le Petit écho“ zurückgewiesen.")
    assert found == {}


def test_a_group_after_a_number_or_a_role_owned_by_a_relative_is_no_speaker():
    paragraph = "Die Abteilung hat 60 Prüferinnen, ein großer Apparat, dessen Chef sagt: „Wir glauben erst mal nichts.“"
    assert quotes_of(paragraph) == {"Wir glauben erst": UNKNOWN}
    assert cast_of(paragraph) == {}


def test_a_question_about_what_someone_says_reports_no_speech():
    paragraph = "Was sagt Lina Brenner heute? Wie sollte der legendäre Satz „Früher war mehr Lametta“ ursprünglich lauten?"
    assert cast_of(paragraph) == {}


def test_an_english_office_before_a_name_describes_the_person():
    found = quotes_of('"We will find them," said City Police Commissioner Ann Elwood.', language="en")
    assert found == {"We will find": "Ann Elwood"}


def test_a_quote_standing_alone_goes_on_with_the_named_subject_of_the_sentence_before():
    found = quotes_of("Als „verpasste Chance“ beurteilte die Abgeordnete Petra Lindqvist das Amtsjahr. "
                      "„Unter ihm ist die Stadt wieder hinter alte Reformen zurückgefallen.“")
    assert found == {"Unter ihm ist": "Petra Lindqvist"}


def test_a_quote_standing_alone_after_a_sentence_about_a_place_is_nobodys():
    found = quotes_of("Der Sommer in Kleinberg war heiß. „Unter dieser Hitze leiden alle sehr.“")
    assert found == {"Unter dieser Hitze": UNKNOWN}


def test_a_quote_that_opens_a_framed_clause_is_the_subjects():
    found = quotes_of("Das Landgericht kam damit zu dem Ergebnis, „dass keine tragfähige Grundlage für eine "
                      "Verurteilung besteht“.")
    assert found == {"dass keine tragfähige": "Landgericht"}


def test_an_epithet_for_someone_just_named_is_no_voice_of_its_own():
    paragraphs = ("Die Sängerin Mia Lorenz stellt ein neues Kleid vor.",
                  "„Egal wie heiß es ist, du frierst immer“, erklärt der US-Star.")
    assert quotes_of(*paragraphs) == {"Egal wie heiß": UNKNOWN}
    assert cast_of(*paragraphs) == {}


def test_a_role_in_an_article_that_names_nobody_keeps_a_voice_of_its_own():
    found = quotes_of("Im Lager liegt viel Reis.", "„Was spricht dagegen, ihn zurückzuschicken?“, fragte der Geschäftsführer.")
    assert found == {"Was spricht dagegen,": "Geschäftsführer"}


def test_what_stands_written_in_a_text_is_the_texts():
    found = quotes_of("Derzeit steht in dem Gesetzentwurf noch der Satz: „Die Daten sind nach einem Jahr zu löschen.“")
    assert found == {"Die Daten sind": "Gesetzentwurf"}
    found = quotes_of("So enthält das Strafgesetzbuch eine klare Regel: „Wer täuscht, wird bestraft.“")
    assert found == {"Wer täuscht, wird": "Strafgesetzbuch"}


def test_an_unnamed_spokesperson_is_called_by_role_and_body_never_by_a_genitive():
    paragraph = "„Das Haus bleibt geschlossen“, sagte ein Sprecher des Bundesamtes."
    assert quotes_of(paragraph) == {"Das Haus bleibt": "Sprecher des Bundesamtes"}
    assert cast_of(paragraph) == {"Sprecher des Bundesamtes": "person"}


def test_a_quote_joined_to_a_nickname_is_a_second_name_not_speech():
    text = 'Carl Brandt was later named commissioner, earning the nickname "mkono wa damu," or "the man with the ' \
           'bloody hand," for his brutal reputation.'
    assert quotes_of(text, language="en") == {}


def test_whom_someone_told_before_the_quote_is_not_the_speaker():
    text = 'Asked why she called the club the Rolling Crew, Scott told "ABC This Evening" co-host Gayle Kent, ' \
           '"Because you have to reckon with us."'
    assert quotes_of(text, language="en") == {"Because you have": UNKNOWN}


def test_a_definite_role_with_its_body_resolves_to_the_person_described_by_that_role():
    found = quotes_of("Konzernchef Robert Maler ist zufrieden mit dem Jahr.",
                      "„Die Lieferketten werden sich verändern“, sagte der Konzernchef von Flugteile.")
    assert found == {"Die Lieferketten werden": "Robert Maler"}


def test_words_quoted_in_a_relative_clause_are_not_the_main_subjects():
    text = ('Debra Mills founded and leads the Right Women Fund, an organization that plans to play in '
            '"primaries in rural districts" to elect more women.')
    assert quotes_of(text, language="en") == {}


def test_a_name_inside_a_prepositional_phrase_is_not_whom_a_role_points_back_to():
    found = quotes_of("Der Kandidat wurde in der ABC-Talkshow Markus Lanz gefragt, warum er antrete. "
                      "Er wolle „in der Stadt für mehr Transparenz“ sorgen, antwortete der Politiker.")
    assert "Markus Lanz" not in found.values()


def test_a_role_in_apposition_makes_a_full_name_a_person_a_role_can_point_back_to():
    found = quotes_of("Guido Reiler, der Spitzenkandidat der Partei, wurde gefragt, warum sie antrete. "
                      "Er wolle „in der Stadt für mehr Transparenz“ sorgen, antwortete der Politiker.")
    assert found == {"in der Stadt": "Guido Reiler"}


def test_a_common_noun_before_von_never_joins_a_name_and_never_hides_a_surname():
    found = quotes_of("Konzernchef Herbert Dorn will den Umbau.",
                      "Aus Sicht von Dorn hat die Zentrale gute Chancen.",
                      "Dorn verwies darauf, dass die Konkurrenz wachse: „Der nächste Wagen darf nicht aus Übersee kommen!“")
    assert found == {"Der nächste Wagen": "Herbert Dorn"}


def test_a_speaker_whose_verb_goes_on_with_and_is_still_one_speaker():
    assert quotes_of("„Hier wäre schon eine Autobahn“, sagt Tobias Brenner und zeigt auf den Damm.") \
        == {"Hier wäre schon": "Tobias Brenner"}
    assert quotes_of("„Wir sind dagegen“, schreiben Berlin und Paris.") == {"Wir sind dagegen": UNKNOWN}


def test_a_name_after_an_adjective_is_a_name_when_the_tagger_reads_it_so():
    found = quotes_of("Tobias Torgard trainiert das Team.",
                      "„Es ist unser Hauptziel, gesund zu bleiben“, sagte der optimistische Torgard.")
    assert found == {"Es ist unser": "Tobias Torgard"}
    assert quotes_of("Die Forschung wächst. „Es bleibt schwierig“, sagte der deutsche Informatiker.") \
        == {"Es bleibt schwierig": "Informatiker"}


def test_a_name_after_a_verb_ending_like_an_adjective_does_not_replace_the_source():
    found = quotes_of("Laut TZ-Online ziele Larix darauf ab, „ganz neue Batterien zu entwickeln, die es bisher nicht gibt.“")
    assert found == {"ganz neue Batterien": "TZ-Online"}


def test_a_name_with_a_particle_after_a_title_is_one_name():
    found = quotes_of("Springfield City Mayor Bill de Haven said burials might be needed.",
                      '"Obviously the place we have used is the island," he said.', language="en")
    assert found == {"Obviously the place": "Bill de Haven"}


def test_an_age_alone_is_nobody_and_never_a_cast_member():
    paragraph = "„Ich habe nichts gesehen“, sagte der 43-Jährige vor Gericht."
    assert quotes_of(paragraph) == {"Ich habe nichts": UNKNOWN}
    assert cast_of(paragraph) == {}


def test_the_one_who_is_addressed_is_not_the_speaker():
    assert quotes_of("„Wir bleiben hier“, sagte Tom Berger der Morgenpost.") == {"Wir bleiben hier": "Tom Berger"}
    english = '"It was the hardest year of my life," he told The Daily Courier.'
    assert quotes_of(english, language="en") == {"It was the": UNKNOWN}
    assert cast_of(english, language="en") == {}


def test_plain_english_cues_with_titles_and_particles_resolve():
    found = quotes_of('"We will open the bridge in May," says Di Li, an engineer at the county.',
                      '"The money is there," Gov. Ann Reyes said on Tuesday.',
                      '"Nurses are tired of waiting," Dr. Sam Okoro said.', language="en")
    assert found == {"We will open": "Di Li", "The money is": "Ann Reyes", "Nurses are tired": "Sam Okoro"}
    script = make_script(article('"The money is there," Gov. Ann Reyes said on Tuesday.', language="en"))
    assert script.cast["Ann Reyes"].description == "Gov"


def test_a_surname_two_people_share_names_neither():
    found = quotes_of("Der 80-jährige Karl Brenner und sein Bruder Paul Brenner führen den Hof seit 1970.",
                      "„Wir hören noch lange nicht auf“, sagte Brenner.")
    assert found["Wir hören noch"] not in ("Karl Brenner", "Paul Brenner")


def test_a_common_noun_pair_is_no_person():
    found = quotes_of("Die meisten Deiche Brandenburgs wurden erneuert. „Wir sind gut vorbereitet für die Flut.“")
    assert found == {"Wir sind gut": UNKNOWN}


def test_a_plural_subject_is_no_single_speaker():
    found = quotes_of("Ina Roth und Tom Berger leiten den Verein.",
                      "Er sowie Roth befürchten neue Kosten; den Zusagen schenken sie keinen Glauben: "
                      "„Das Geld wird am Ende wieder fehlen.“")
    assert found == {"Das Geld wird": UNKNOWN}


# --- quote edges ------------------------------------------------------------------------------------


def test_titles_and_nicknames_with_their_own_full_stop_stay_with_the_narrator():
    script = make_script(article('She starred in "Winter Song." Her rival called him "Little Tom." '
                                 'Later she said: "I loved every day of it."', language="en"))
    assert [(s.speaker, s.text) for s in script.segments if s.kind == "quote"] == [("unknown", "I loved every day of it.")]
    assert "Winter Song." in " ".join(s.text for s in script.segments if s.kind == "narration")


def test_mixed_straight_and_curly_marks_never_let_a_quote_read_its_attribution():
    script = make_script(article('\u201cWe will not stop here," said Lisa Boesky, a clinical psychologist. '
                                 '"It takes time to heal,\u201d she added.', language="en"))
    quotes = [(s.speaker, s.text) for s in script.segments if s.kind == "quote"]
    assert quotes == [("Lisa Boesky", "We will not stop here,"), ("Lisa Boesky", "It takes time to heal,")]
    narration = " ".join(s.text for s in script.segments if s.kind == "narration")
    assert "said Lisa Boesky, a clinical psychologist." in narration


# --- the last look at each speaker -------------------------------------------------------------------


def test_a_role_before_a_given_name_is_the_description_not_the_name():
    script = make_script(article('"We will finish the road by June," said Supervisor Ina Roth of the county.',
                                 language="en"))
    assert [s.speaker for s in script.segments if s.kind == "quote"] == ["Ina Roth"]
    assert script.cast["Ina Roth"].description == "Supervisor"


def test_a_phrase_that_is_no_persons_name_gives_its_words_to_nobody():
    # a genitive and a common noun: "so Bergers Prognose" names a forecast, not a person
    paragraph = "„Die Preise werden weiter steigen“, so Bergers Prognose für das kommende Jahr."
    assert quotes_of(paragraph) == {"Die Preise werden": UNKNOWN}
    assert cast_of(paragraph) == {}


def test_a_body_phrase_holding_a_verb_is_no_body():
    from articlecast.script.grammar import plausible_body

    assert plausible_body("Cambridge Police", "en") and plausible_body("Ministerium", "de")
    assert not plausible_body("said one GOP", "en")


def test_two_places_writing_together_are_no_single_voice():
    found = quotes_of("„Beide Länder wollen die Grenze offen halten“, schreiben Bonn und Lyon in ihrem Vertrag.")
    assert found == {"Beide Länder wollen": UNKNOWN}


def test_a_name_after_a_preposition_and_an_adjective_is_a_place():
    found = quotes_of('"The hospital is out of fuel and we cannot help," Dr. Sami Haddad, the director of '
                      'the clinic in the central Harbor District, said on Monday.', language="en")
    assert found == {"The hospital is": "Sami Haddad"}


def test_a_name_after_a_relative_pronoun_is_the_subject_of_its_clause():
    found = quotes_of("Damit fällt die Marke, die Tom Berger im Wahlkampf zum Ziel erklärt hatte: "
                      "„Wir senken die Zahl der Arbeitslosen bis zum Ende des Jahres.“")
    assert found == {"Wir senken die": "Tom Berger"}


def test_two_quotes_joined_by_a_conjunction_share_their_speaker():
    found = quotes_of("Tom Berger hatte im Wahlkampf erklärt: „Wir senken die Zahl der Arbeitslosen.“ und "
                      "„Wer das nicht schafft, hat die Wahl nicht verdient.“")
    assert found == {"Wir senken die": "Tom Berger", "Wer das nicht": "Tom Berger"}


def test_the_person_in_an_apposition_wins_over_a_body_that_is_no_name():
    found = quotes_of("Deshalb warnte der Geschäftsführer des Deutschen Mühlen-Bundes, Tom Berger, die Politik "
                      "in einem Brief: „Die Versorgung mit Mehl ist in Gefahr, wenn nichts geschieht.“")
    assert found == {"Die Versorgung mit": "Tom Berger"}


def test_words_quoted_inside_a_named_persons_clause_are_hers():
    found = quotes_of("Die Betriebsrätin Jana Wolf hat die Pläne scharf angegriffen. "
                      "In dem Verfahren sieht Jana Wolf einen „Angriff auf die ganze Belegschaft“.")
    assert found == {"Angriff auf die": "Jana Wolf"}


def test_a_speech_without_its_speaker_is_nobodys():
    found = quotes_of("„Gemeinsam werden wir die Krise in diesem Land überwinden“, hieß es in der Rede.")
    assert found == {"Gemeinsam werden wir": UNKNOWN}


def test_a_clause_between_cue_and_quote_with_its_own_subject_outranks_the_cue():
    found = quotes_of("Der Sender zitiert aus der Zeitung Tagesbote, wonach Bürgermeister Tom Berger die Schuld "
                      "den Nachbarn gibt, deren „völlig verfehlte Planung der Straßen“ den Ort lähme.")
    assert found["völlig verfehlte Planung"] in (UNKNOWN, "Tom Berger")  # never the broadcaster that cites
