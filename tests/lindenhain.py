"""Short German articles written for these tests (a small town's local news), each with one quote."""
from __future__ import annotations

ARTICLES = {
    "baeckerei": ("Die Bäckerei am Markt backt wieder", [
        "Nach drei Monaten Umbau hat die Bäckerei am Marktplatz von Lindenhain wieder geöffnet. Schon um sechs Uhr "
        "früh standen die ersten Kundinnen und Kunden vor der Tür, manche mit einer Thermoskanne in der Hand.",
        "Der neue Ofen braucht nach Angaben des Betriebs fast ein Drittel weniger Strom als der alte. Die Wärme, die "
        "beim Backen entsteht, heizt nun das Wasser für die Spülmaschine und den Verkaufsraum.",
        "„Wir wollten nicht nur schöner werden, sondern auch sparsamer“, sagte die Bäckermeisterin Elif Sommer. "
        "Sie führt den Betrieb in dritter Generation und beschäftigt elf Menschen, davon zwei Auszubildende.",
        "Im Sortiment gibt es nun auch ein Roggenbrot aus Getreide, das auf den Feldern rund um das Dorf wächst. "
        "Der Müller aus dem Nachbarort liefert das Mehl einmal in der Woche mit einem kleinen Lastwagen.",
        "Die Gemeinde hatte den Umbau mit einem Zuschuss aus dem Programm für lebendige Ortskerne unterstützt. "
        "Der Bürgermeister kam am Vormittag vorbei und kaufte, wie er sagte, zwei Brezeln für das Rathaus.",
    ]),
    "radweg": ("Neuer Radweg verbindet zwei Dörfer", [
        "Zwischen Lindenhain und Kleinwasser rollt seit Montag der Verkehr auf einem neuen Radweg. Die Strecke ist "
        "vier Kilometer lang, asphaltiert und führt an der alten Bahntrasse entlang durch die Felder.",
        "Bisher mussten Schülerinnen und Schüler auf der schmalen Landstraße fahren, auf der auch Traktoren und "
        "Lastwagen unterwegs sind. Viele Eltern hatten ihre Kinder deshalb lieber mit dem Auto gebracht.",
        "„Endlich können die Kinder allein zur Schule fahren, ohne dass wir Angst haben müssen“, sagte Jonas Brandt "
        "vom Elternbeirat. Er hatte die Unterschriften gesammelt, mit denen der Bau vor fünf Jahren begann.",
        "Der Weg hat an drei Stellen Bänke und eine Schutzhütte, in der man bei Regen warten kann. Nachts leuchten "
        "kleine Lampen im Boden, die sich nur einschalten, wenn jemand vorbeifährt, damit Tiere nicht gestört werden.",
        "Die Kosten teilen sich der Landkreis und die beiden Gemeinden. Im Frühjahr sollen entlang der Strecke noch "
        "Obstbäume gepflanzt werden, deren Früchte alle ernten dürfen, die vorbeikommen.",
    ]),
    "chor": ("Der Kirchenchor sucht neue Stimmen", [
        "Der Kirchenchor von Lindenhain feiert in diesem Jahr sein hundertjähriges Bestehen, doch zum Feiern ist "
        "nicht allen zumute. Von einst sechzig Sängerinnen und Sängern sind nur noch neunzehn geblieben.",
        "Vor allem Männerstimmen fehlen: Im Tenor singen derzeit nur zwei Mitglieder, beide über siebzig Jahre alt. "
        "Proben finden jeden Donnerstag um halb acht im Gemeindehaus neben der Kirche statt.",
        "„Man muss keine Noten lesen können, man muss nur Freude am gemeinsamen Singen haben“, sagte die Chorleiterin "
        "Hanna Vogt. Wer mitmachen wolle, könne einfach zu einer Probe kommen und zuhören.",
        "Zum Jubiläum plant der Chor im Herbst ein Konzert mit Liedern aus allen zehn Jahrzehnten seiner Geschichte. "
        "Dafür sucht er auch alte Fotos und Programmhefte, die im Gemeindehaus gesammelt werden.",
        "Der Eintritt zum Konzert soll frei sein. Spenden gehen an die Renovierung der Orgel, deren Pfeifen nach "
        "Auskunft eines Gutachters dringend gereinigt und zum Teil ersetzt werden müssen.",
    ]),
    "bibliothek": ("Die Bücherei öffnet auch sonntags", [
        "Die Gemeindebücherei von Lindenhain hat ab sofort auch am Sonntagnachmittag geöffnet. Möglich machen das "
        "zwölf Ehrenamtliche, die sich die Dienste teilen und neue Leserinnen und Leser beraten.",
        "Neben Büchern können dort jetzt auch Werkzeuge, Spiele und ein Lastenrad ausgeliehen werden. Die Idee kam "
        "aus einer Umfrage, an der sich im Frühjahr mehr als dreihundert Menschen beteiligt hatten.",
        "„Eine Bücherei ist heute ein Wohnzimmer für das ganze Dorf“, sagte die Leiterin Paula Roth. Am ersten "
        "Sonntag seien mehr Familien gekommen als an einem gewöhnlichen Werktag in der ganzen Woche.",
        "Für Kinder gibt es jeden zweiten Sonntag eine Vorlesestunde, bei der auch Großeltern aus dem Seniorenheim "
        "vorlesen. Die ersten Termine waren innerhalb weniger Tage ausgebucht.",
        "Die Gemeinde will das Angebot zunächst ein Jahr lang erproben und dann entscheiden, ob sie dauerhaft Geld "
        "für eine halbe Stelle bereitstellt, die die Ehrenamtlichen unterstützt.",
    ]),
    "feuerwehr": ("Die Feuerwehr bekommt ein neues Löschfahrzeug", [
        "Die Freiwillige Feuerwehr von Lindenhain hat am Samstag ihr neues Löschfahrzeug in Empfang genommen. Das "
        "alte Fahrzeug war mehr als dreißig Jahre alt und fand zuletzt kaum noch Ersatzteile.",
        "Der Wagen fasst zweitausend Liter Wasser und bringt eine Pumpe mit, die auch Keller nach einem Starkregen "
        "leeren kann. Solche Einsätze sind in den vergangenen Sommern deutlich häufiger geworden.",
        "„Früher hatten wir zwei Unwettereinsätze im Jahr, heute sind es manchmal zwei in einer Woche“, sagte der "
        "Wehrführer Malte Kruse. Er dankte den Nachbargemeinden, die in dieser Zeit ausgeholfen hatten.",
        "Finanziert wurde das Fahrzeug zur Hälfte vom Land, den Rest trägt die Gemeinde. Der Förderverein der "
        "Feuerwehr sammelte zusätzlich Geld für eine Wärmebildkamera, die Vermisste im Dunkeln finden hilft.",
        "Nach der Übergabe durften Kinder im Fahrerhaus sitzen und das Blaulicht einschalten. Die Jugendfeuerwehr "
        "sucht neue Mitglieder ab zehn Jahren und trifft sich jeden Freitag am Gerätehaus.",
    ]),
    "markt": ("Der Wochenmarkt zieht auf den Kirchplatz", [
        "Der Wochenmarkt von Lindenhain findet ab dem kommenden Monat auf dem Kirchplatz statt. Auf dem bisherigen "
        "Parkplatz am Bahnhof fehlte es an Schatten, an Strom und an Platz für neue Stände.",
        "Zwölf Händlerinnen und Händler verkaufen dort jeden Mittwoch Gemüse, Käse, Honig und Blumen. Drei weitere "
        "Betriebe aus der Umgebung haben bereits angefragt, ob sie dazukommen können.",
        "„Ein Markt gehört in die Mitte eines Dorfes, dorthin, wo die Leute sich ohnehin begegnen“, sagte die "
        "Marktsprecherin Ingrid Hahn. Sie verkauft seit zwanzig Jahren Eier und Kartoffeln vom eigenen Hof.",
        "Die Gemeinde lässt auf dem Platz zwei Stromanschlüsse und einen Wasserhahn einbauen. Die Bänke unter den "
        "Linden bleiben stehen, damit die Kundschaft nach dem Einkauf noch einen Kaffee trinken kann.",
        "Für die Anwohner ändert sich wenig: Der Markt beginnt um acht Uhr und endet um ein Uhr mittags. Danach "
        "reinigt ein Betrieb aus dem Ort den Platz, bezahlt aus den Standgebühren.",
    ]),
}
