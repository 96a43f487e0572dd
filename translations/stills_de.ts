<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CaptionCommands</name>
    <message>
        <location filename="../ui/captioncommands.cpp" line="+77"/>
        <source>Edit Caption</source>
        <translation>Bildunterschrift bearbeiten</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Restore Caption</source>
        <translation>Bildunterschrift wiederherstellen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Replace &quot;%1&quot; in Captions</source>
        <extracomment>%1 the text searched for</extracomment>
        <translation>„%1“ in Bildunterschriften ersetzen</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../core/catalog/catalog.cpp" line="+40"/>
        <source>Upgrading the catalog to schema %1 (%2) failed: %3</source>
        <translation>Die Aktualisierung des Katalogs auf Schema %1 (%2) ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The catalog path %1 is a folder; name a file such as %1/catalog.db.</source>
        <translation>Der Katalogpfad %1 ist ein Ordner; geben Sie eine Datei an, etwa %1/catalog.db.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no catalog at %1.</source>
        <translation>Unter %1 gibt es keinen Katalog.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not create the folder %1 for the catalog.</source>
        <translation>Der Ordner %1 für den Katalog konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 is not a Stills catalog: it holds other tables (%2) but no schema_version. Stills will not touch it.</source>
        <translation>%1 ist kein Stills-Katalog: Die Datenbank enthält andere Tabellen (%2), aber keine schema_version. Stills verändert sie nicht.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The catalog %1 was written by a newer version of Stills (schema %2; this program knows up to schema %3). Update Stills to open it. The catalog was not changed.</source>
        <translation>Der Katalog %1 wurde von einer neueren Version von Stills geschrieben (Schema %2; dieses Programm kennt Schemata bis %3). Aktualisieren Sie Stills, um ihn zu öffnen. Der Katalog wurde nicht verändert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 holds no Stills catalog yet.</source>
        <translation>%1 enthält noch keinen Stills-Katalog.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The catalog %1 uses schema %2 and needs an upgrade to %3; open it once without --dry-run or read-only mode.</source>
        <translation>Der Katalog %1 verwendet Schema %2 und muss auf %3 aktualisiert werden; öffnen Sie ihn einmal ohne --dry-run bzw. Nur-Lese-Modus.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Upgrading the catalog to schema %1 (%2)…</source>
        <translation>Katalog wird auf Schema %1 (%2) aktualisiert …</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Qt&apos;s SQLite driver is not installed (Debian package libqt6sql6-sqlite).</source>
        <translation>Der SQLite-Treiber von Qt ist nicht installiert (Debian-Paket libqt6sql6-sqlite).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qt&apos;s PostgreSQL driver is not installed (Debian package libqt6sql6-psql).</source>
        <translation>Der PostgreSQL-Treiber von Qt ist nicht installiert (Debian-Paket libqt6sql6-psql).</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Could not open the catalog %1: %2</source>
        <translation>Der Katalog %1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not connect to the PostgreSQL catalog %1: %2</source>
        <translation>Keine Verbindung zum PostgreSQL-Katalog %1: %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The catalog %1 could not be used: %2</source>
        <translation>Der Katalog %1 konnte nicht verwendet werden: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not start a catalog transaction: %1</source>
        <translation>Es konnte keine Katalog-Transaktion begonnen werden: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not save the change to the catalog: %1</source>
        <translation>Die Änderung konnte nicht im Katalog gespeichert werden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/catalog/shapeattributes.cpp" line="+235"/>
        <source>Setting the aspect ratio and orientation of %n shot(s)…</source>
        <translation>
            <numerusform>Seitenverhältnis und Ausrichtung von %n Aufnahme werden festgelegt …</numerusform>
            <numerusform>Seitenverhältnis und Ausrichtung von %n Aufnahmen werden festgelegt …</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Setting the aspect ratio and orientation of the shots failed: %1</source>
        <translation>Das Festlegen von Seitenverhältnis und Ausrichtung der Aufnahmen ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../core/catalog/attributerepository.cpp" line="+30"/>
        <source>The attribute vocabulary is missing from the program.</source>
        <translation>Das Attribut-Vokabular fehlt im Programm.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The attribute vocabulary is not valid JSON: %1</source>
        <translation>Das Attribut-Vokabular ist kein gültiges JSON: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The attribute vocabulary has an attribute without key or options.</source>
        <translation>Das Attribut-Vokabular enthält ein Attribut ohne Schlüssel oder Optionen.</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>There is no attribute &quot;%1&quot;.</source>
        <translation>Es gibt kein Attribut „%1“.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 takes one value, not %2.</source>
        <translation>%1 nimmt einen Wert, nicht %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&quot;%1&quot; is not a value of %2.</source>
        <translation>„%1“ ist kein Wert von %2.</translation>
    </message>
    <message>
        <location filename="../core/catalog/captionrepository.cpp" line="+107"/>
        <source>There is no caption version %1.</source>
        <translation>Es gibt keine Bildunterschrift-Version %1.</translation>
    </message>
    <message>
        <location filename="../core/catalog/catalogurl.cpp" line="+40"/>
        <source>The catalog location is empty.</source>
        <translation>Der Speicherort des Katalogs ist leer.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The SQLite catalog URL &quot;%1&quot; names no file.</source>
        <translation>Die SQLite-Katalog-URL „%1“ nennt keine Datei.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>synchronous must be &quot;normal&quot; or &quot;full&quot;, not &quot;%1&quot;.</source>
        <translation>synchronous muss „normal“ oder „full“ sein, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown SQLite catalog option &quot;%1&quot;.</source>
        <translation>Unbekannte SQLite-Katalogoption „%1“.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; is not a valid PostgreSQL URL; expected postgresql://user@host:port/database.</source>
        <translation>„%1“ ist keine gültige PostgreSQL-URL; erwartet wird postgresql://user@host:port/database.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The PostgreSQL URL &quot;%1&quot; names no database.</source>
        <translation>Die PostgreSQL-URL „%1“ nennt keine Datenbank.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database name &quot;%1&quot; may not contain &apos;/&apos;.</source>
        <translation>Der Datenbankname „%1“ darf kein „/“ enthalten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unknown catalog URL &quot;%1&quot;: use sqlite:///path/catalog.db or postgresql://user@host/db.</source>
        <translation>Unbekannte Katalog-URL „%1“: Verwenden Sie sqlite:///path/catalog.db oder postgresql://user@host/db.</translation>
    </message>
    <message>
        <location filename="../core/catalog/croprepository.cpp" line="+24"/>
        <source>A crop needs a name.</source>
        <translation>Ein Zuschnitt braucht einen Namen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The crop &quot;%1&quot; must be a non-empty rectangle inside the image.</source>
        <translation>Der Zuschnitt „%1“ muss ein nicht leeres Rechteck innerhalb des Bildes sein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A crop turns in quarter turns (0, 90, 180, 270), not %1°.</source>
        <translation>Ein Zuschnitt dreht sich in Vierteldrehungen (0, 90, 180, 270), nicht um %1°.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Straightening is limited to ±45°.</source>
        <translation>Das Begradigen ist auf ±45° begrenzt.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>This shot already has a crop named &quot;%1&quot;.</source>
        <translation>Diese Aufnahme hat bereits einen Zuschnitt namens „%1“.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The crop &quot;%1&quot; was changed or deleted by someone else; nothing was overwritten.</source>
        <translation>Der Zuschnitt „%1“ wurde von jemand anderem geändert oder gelöscht; nichts wurde überschrieben.</translation>
    </message>
    <message>
        <location filename="../core/catalog/healthcheck.cpp" line="+44"/>
        <source>a row of %1 points to a missing %2 row</source>
        <translation>eine Zeile von %1 verweist auf eine fehlende Zeile von %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 tags have a missing parent</source>
        <translation>%1 Schlagwörter haben ein fehlendes übergeordnetes Schlagwort</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 shots have more than one current caption</source>
        <translation>%1 Aufnahmen haben mehr als eine aktuelle Bildunterschrift</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 #%2 of %3</source>
        <translation>%1 #%2 von %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2, %3 of %4 done, started %5</source>
        <translation>%1: %2, %3 von %4 erledigt, begonnen %5</translation>
    </message>
    <message>
        <location filename="../core/catalog/jobrepository.cpp" line="+77"/>
        <source>There is no job %1.</source>
        <translation>Es gibt keinen Auftrag %1.</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Job %1 is running somewhere else (or was just resumed by someone else).</source>
        <translation>Auftrag %1 läuft an anderer Stelle (oder wurde gerade von jemand anderem fortgesetzt).</translation>
    </message>
    <message>
        <location filename="../core/catalog/migrations.cpp" line="+21"/>
        <source>initial</source>
        <translation>Grundstruktur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>curate</source>
        <translation>Kuratieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>saved searches</source>
        <translation>gespeicherte Suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>curation index</source>
        <translation>Kurationsindex</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>curation in set indexes</source>
        <translation>Kuration in den Mengenindizes</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The schema migration %1 is missing from the program (%2).</source>
        <translation>Die Schema-Migration %1 fehlt im Programm (%2).</translation>
    </message>
    <message>
        <location filename="../core/catalog/photosetrepository.cpp" line="+71"/>
        <location line="+79"/>
        <source>A photoset needs a name.</source>
        <translation>Eine Fotoserie braucht einen Namen.</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>There is no photoset %1 in the catalog.</source>
        <translation>Im Katalog gibt es keine Fotoserie %1.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>The photoset &quot;%1&quot; was changed by someone else since it was read; nothing was overwritten.</source>
        <translation>Die Fotoserie „%1“ wurde seit dem Lesen von jemand anderem geändert; nichts wurde überschrieben.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Could not add shots to the photoset</source>
        <translation>Die Aufnahmen konnten nicht zur Fotoserie hinzugefügt werden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not add a shot to the photoset</source>
        <translation>Eine Aufnahme konnte nicht zur Fotoserie hinzugefügt werden</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Could not put shots back into the photoset</source>
        <translation>Die Aufnahmen konnten nicht wieder in die Fotoserie eingefügt werden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not put a shot back into the photoset</source>
        <translation>Eine Aufnahme konnte nicht wieder in die Fotoserie eingefügt werden</translation>
    </message>
    <message>
        <location line="+66"/>
        <location line="+17"/>
        <source>Shot %1 is not in this photoset.</source>
        <translation>Die Aufnahme %1 ist nicht in dieser Fotoserie.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not find a place for the shot in the photoset.</source>
        <translation>Für die Aufnahme wurde kein Platz in der Fotoserie gefunden.</translation>
    </message>
    <message>
        <location filename="../core/catalog/queryparser.cpp" line="+24"/>
        <source>Search: %1 at character %2.</source>
        <translation>Suche: %1 bei Zeichen %2.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>the quote is not closed</source>
        <translation>das Anführungszeichen wird nicht geschlossen</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>only rating can be compared (rating&gt;=3), not &quot;%1&quot;</source>
        <translation>nur rating kann verglichen werden (rating&gt;=3), nicht „%1“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a rating comparison cannot be negated; turn it around (rating&lt;3)</source>
        <translation>ein Bewertungsvergleich kann nicht verneint werden; drehen Sie ihn um (rating&lt;3)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not a comparison; use =, &lt;, &lt;=, &gt; or &gt;=</source>
        <translation>„%1“ ist kein Vergleich; verwenden Sie =, &lt;, &lt;=, &gt; oder &gt;=</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>rating%1 needs a number from 0 to 5</source>
        <translation>rating%1 braucht eine Zahl von 0 bis 5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; is not a rating from 0 to 5</source>
        <translation>„%1“ ist keine Bewertung von 0 bis 5</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&quot;%1&quot; is not a photoset number (photoset:#12)</source>
        <translation>„%1“ ist keine Fotoserien-Nummer (photoset:#12)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>flag:%1 is unknown; use pick, reject or none</source>
        <translation>flag:%1 ist unbekannt; verwenden Sie pick, reject oder none</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>label:%1 is unknown; use red, yellow, green, blue, purple or none</source>
        <translation>label:%1 ist unbekannt; verwenden Sie red, yellow, green, blue, purple oder none</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>status:%1 is unknown; use ok, failed, unsupported or missing</source>
        <translation>status:%1 ist unbekannt; verwenden Sie ok, failed, unsupported oder missing</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&quot;%1&quot; is not a value of %2 (known: %3)</source>
        <translation>„%1“ ist kein Wert von %2 (bekannt: %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown filter &quot;%1:&quot;; use tag:, rating, flag:, label:, photoset:, status: or an attribute such as time_of_day:</source>
        <translation>unbekannter Filter „%1:“; verwenden Sie tag:, rating, flag:, label:, photoset:, status: oder ein Attribut wie time_of_day:</translation>
    </message>
    <message>
        <location filename="../core/catalog/savedsearchrepository.cpp" line="+54"/>
        <location line="+62"/>
        <source>A saved search needs a name.</source>
        <translation>Eine gespeicherte Suche braucht einen Namen.</translation>
    </message>
    <message>
        <location line="-52"/>
        <location line="+59"/>
        <source>There is already a saved search called &quot;%1&quot;.</source>
        <translation>Es gibt bereits eine gespeicherte Suche namens „%1“.</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>The saved search %1 no longer exists; it may have been deleted.</source>
        <translation>Die gespeicherte Suche %1 existiert nicht mehr; vielleicht wurde sie gelöscht.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The saved search &quot;%1&quot; was changed by someone else since it was read; nothing was overwritten.</source>
        <translation>Die gespeicherte Suche „%1“ wurde seit dem Lesen von jemand anderem geändert; nichts wurde überschrieben.</translation>
    </message>
    <message>
        <location filename="../core/catalog/shotrepository.cpp" line="+129"/>
        <source>There is no shot %1 in the catalog.</source>
        <translation>Im Katalog gibt es keine Aufnahme %1.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 was changed by someone else since it was read (version %2 is now %3); nothing was overwritten.</source>
        <translation>%1 wurde seit dem Lesen von jemand anderem geändert (Version %2 ist jetzt %3); nichts wurde überschrieben.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The file record of %1</source>
        <translation>Der Dateieintrag von %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A rating is 0 to 5 stars, not %1.</source>
        <translation>Eine Bewertung hat 0 bis 5 Sterne, nicht %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A colour label is 0 (none) to 5, not %1.</source>
        <translation>Eine Farbmarkierung ist 0 (keine) bis 5, nicht %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The shot %1</source>
        <translation>Die Aufnahme %1</translation>
    </message>
    <message>
        <location filename="../core/catalog/sqlhelpers.cpp" line="+28"/>
        <source>unknown database error</source>
        <translation>unbekannter Datenbankfehler</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The catalog refused the change: %1</source>
        <translation>Der Katalog hat die Änderung abgelehnt: %1</translation>
    </message>
    <message>
        <location line="+68"/>
        <location line="+7"/>
        <source>Could not prepare a catalog query</source>
        <translation>Eine Katalogabfrage konnte nicht vorbereitet werden</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>The catalog returned no row.</source>
        <translation>Der Katalog hat keine Zeile geliefert.</translation>
    </message>
    <message>
        <location filename="../core/catalog/tagrepository.cpp" line="+81"/>
        <source>&quot;%1&quot; is not a tag name.</source>
        <translation>„%1“ ist kein Schlagwortname.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+181"/>
        <source>The tag &quot;%1&quot; needs at least one letter or digit.</source>
        <translation>Das Schlagwort „%1“ braucht mindestens einen Buchstaben oder eine Ziffer.</translation>
    </message>
    <message>
        <location line="-154"/>
        <location line="+231"/>
        <source>The tag hierarchy has a cycle at tag %1.</source>
        <translation>Die Schlagwort-Hierarchie hat einen Zyklus bei Schlagwort %1.</translation>
    </message>
    <message>
        <location line="-226"/>
        <location line="+160"/>
        <location line="+57"/>
        <location line="+148"/>
        <source>There is no tag %1.</source>
        <translation>Es gibt kein Schlagwort %1.</translation>
    </message>
    <message>
        <location line="-219"/>
        <source>A tag name cannot contain &apos;/&apos;; it separates levels of the hierarchy.</source>
        <translation>Ein Schlagwortname darf kein „/“ enthalten; es trennt die Ebenen der Hierarchie.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A tag named &quot;%1&quot; already exists at that level.</source>
        <translation>Auf dieser Ebene gibt es bereits ein Schlagwort „%1“.</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>The tag &quot;%1&quot; cannot be merged into itself.</source>
        <translation>Das Schlagwort „%1“ kann nicht mit sich selbst zusammengeführt werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The tag &quot;%1&quot; cannot be merged into &quot;%2&quot;, which is inside it.</source>
        <translation>Das Schlagwort „%1“ kann nicht mit „%2“ zusammengeführt werden, das darin enthalten ist.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>The tag &quot;%1&quot; cannot be moved into &quot;%2&quot;, which is inside it.</source>
        <translation>Das Schlagwort „%1“ kann nicht nach „%2“ verschoben werden, das darin enthalten ist.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>There is already a top-level tag &quot;%1&quot;; merge the two tags instead.</source>
        <translation>Es gibt bereits ein Schlagwort „%1“ auf oberster Ebene; führen Sie die beiden Schlagwörter stattdessen zusammen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; already has a tag &quot;%2&quot;; merge the two tags instead.</source>
        <translation>„%1“ hat bereits ein Schlagwort „%2“; führen Sie die beiden Schlagwörter stattdessen zusammen.</translation>
    </message>
    <message>
        <location filename="../core/models/shotlistmodel.cpp" line="+66"/>
        <source>Could not read the list of shots from the catalog: %1</source>
        <translation>Die Liste der Aufnahmen konnte nicht aus dem Katalog gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>There is no photoset %1 in the catalog; it may have been deleted.</source>
        <translation>Im Katalog gibt es keine Fotoserie %1; vielleicht wurde sie gelöscht.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../app/commandline.cpp" line="+77"/>
        <source>See `stills --help`.</source>
        <translation>Siehe `stills --help`.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See `stills %1 --help`.</source>
        <translation>Siehe `stills %1 --help`.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Import a folder (recursively) or an image into a photoset.</source>
        <translation>Importiert einen Ordner (rekursiv) oder ein Bild in eine Fotoserie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List the photosets (default) or the shots (matching QUERY).</source>
        <translation>Listet die Fotoserien (Standard) oder die Aufnahmen (die QUERY entsprechen).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each attribute&apos;s values, ratings, flags and labels with counts.</source>
        <translation>Die Werte jedes Attributs, Bewertungen, Markierungen und Farbmarkierungen mit Anzahlen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit every shot matching QUERY; XMP sidecars are rewritten.</source>
        <translation>Bearbeitet jede Aufnahme, die QUERY entspricht; XMP-Sidecar-Dateien werden neu geschrieben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report the catalog&apos;s health: integrity, counts, missing files.</source>
        <translation>Berichtet über den Zustand des Katalogs: Integrität, Anzahlen, fehlende Dateien.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Build the thumbnails of every readable shot ahead of time.</source>
        <translation>Erzeugt die Vorschaubilder aller lesbaren Aufnahmen im Voraus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import archives (one photoset each), apply JSON metadata,
build thumbnails and check, as one resumable run.</source>
        <extracomment>Keep the line break: the text is printed as two indented lines.</extracomment>
        <translation>Importiert Archive (je eine Fotoserie), wendet JSON-Metadaten an,
erzeugt Vorschaubilder und prüft, als ein fortsetzbarer Lauf.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the matching shots with caption sidecars and a manifest.</source>
        <translation>Exportiert die passenden Aufnahmen mit Bildunterschrift-Sidecar-Dateien und einem Manifest.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Caption the matching shots; each caption is a new version and
the earlier ones are kept.</source>
        <extracomment>Keep the line break: the text is printed as two indented lines.</extracomment>
        <translation>Die passenden Aufnahmen beschriften; jede Bildunterschrift ist eine neue
Version, die früheren bleiben erhalten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The catalog: sqlite:///path/catalog.db, a file path, or
postgresql://user[:password]@host[:port]/database.
Default: $STILLS_CATALOG, else %1</source>
        <extracomment>Keep the line breaks: the text is printed as indented lines.</extracomment>
        <translation>Der Katalog: sqlite:///path/catalog.db, ein Dateipfad oder
postgresql://user[:password]@host[:port]/database.
Standard: $STILLS_CATALOG, sonst %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show this help; `stills COMMAND --help` for a command.</source>
        <translation>Zeigt diese Hilfe; `stills COMMAND --help` für einen Befehl.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the version.</source>
        <translation>Zeigt die Version.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Usage: %1</source>
        <translation>Aufruf: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stills is a gallery for large sets of stills. Without a command it opens the window.</source>
        <translation>Stills ist eine Galerie für große Sammlungen von Standbildern. Ohne Befehl öffnet es das Fenster.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>QUERY: words (all must match), &quot;a phrase&quot;, -word, tag:Lighting/Low key (quote it:
tag:&quot;A/B c&quot;), rating&gt;=3, flag:pick|reject|none, label:red, photoset:NAME, status:failed,
ATTRIBUTE:VALUE (e.g. time_of_day:night). An empty QUERY &quot;&quot; matches every shot;
put -- before a QUERY that starts with &apos;-&apos; (stills rate -- &quot;-flag:reject&quot; 3).</source>
        <extracomment>The query syntax (tag:, rating&gt;=3, flag:pick|reject|none, label:red, photoset:NAME, status:failed, ATTRIBUTE:VALUE, --) is typed as it is: do not translate it. Keep the line breaks.</extracomment>
        <translation>QUERY: Wörter (alle müssen passen), &quot;eine Phrase&quot;, -Wort, tag:Lighting/Low key (in Anführungszeichen:
tag:&quot;A/B c&quot;), rating&gt;=3, flag:pick|reject|none, label:red, photoset:NAME, status:failed,
ATTRIBUTE:VALUE (z. B. time_of_day:night). Eine leere QUERY &quot;&quot; passt auf jede Aufnahme;
setzen Sie -- vor eine QUERY, die mit „-“ beginnt (stills rate -- &quot;-flag:reject&quot; 3).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exit codes: 0 all went well, 1 some items failed, 2 usage error or fatal error.
Progress of long work goes to stderr; results go to stdout.</source>
        <translation>Exit-Codes: 0 alles gut gegangen, 1 einige Elemente fehlgeschlagen, 2 Aufruf- oder schwerer Fehler.
Der Fortschritt langer Arbeiten geht nach stderr; Ergebnisse gehen nach stdout.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>--catalog needs a URL or a path.</source>
        <translation>--catalog braucht eine URL oder einen Pfad.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unknown option %1.</source>
        <translation>Unbekannte Option %1.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Import into the photoset NAME (created if needed) instead of one named after the folder.</source>
        <translation>In die Fotoserie NAME importieren (bei Bedarf angelegt) statt in eine, die nach dem Ordner benannt ist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print what would happen to each file; change nothing.</source>
        <translation>Gibt aus, was mit jeder Datei geschehen würde; ändert nichts.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+400"/>
        <location line="+311"/>
        <location line="+208"/>
        <location line="+180"/>
        <source>Print the summary as JSON.</source>
        <translation>Gibt die Zusammenfassung als JSON aus.</translation>
    </message>
    <message>
        <location line="-1097"/>
        <location line="+307"/>
        <location line="+90"/>
        <location line="+313"/>
        <location line="+208"/>
        <location line="+180"/>
        <source>No progress on stderr.</source>
        <translation>Kein Fortschritt auf stderr.</translation>
    </message>
    <message>
        <location line="-1096"/>
        <source>Threads for hashing and metadata (default: one per core).</source>
        <translation>Threads für Prüfsummen und Metadaten (Standard: einer pro Kern).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A folder (searched recursively) or an image file.</source>
        <translation>Ein Ordner (rekursiv durchsucht) oder eine Bilddatei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import images into the catalog. Running it again on the same folder adds nothing new, updates changed files and recognises moved ones.</source>
        <translation>Importiert Bilder in den Katalog. Ein erneuter Lauf über denselben Ordner fügt nichts doppelt hinzu, aktualisiert geänderte Dateien und erkennt verschobene.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give exactly one folder or file to import.</source>
        <translation>geben Sie genau einen Ordner oder eine Datei zum Importieren an.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+398"/>
        <source>--workers takes a number of threads.</source>
        <translation>--workers erwartet eine Anzahl von Threads.</translation>
    </message>
    <message>
        <location line="-365"/>
        <source>Checking</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Importing</source>
        <translation>Importieren</translation>
    </message>
    <message numerus="yes">
        <location line="+58"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n added</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n hinzugefügt</numerusform>
            <numerusform>%n hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n updated</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n aktualisiert</numerusform>
            <numerusform>%n aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n moved</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n verschoben</numerusform>
            <numerusform>%n verschoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n unchanged</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n unverändert</numerusform>
            <numerusform>%n unverändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n failed</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n unsupported</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n nicht unterstützt</numerusform>
            <numerusform>%n nicht unterstützt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dry run, nothing written. Would import into new photoset &quot;%1&quot;%2: %3.</source>
        <translation>Probelauf, nichts geschrieben. Würde in die neue Fotoserie „%1“%2 importieren: %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dry run, nothing written. Would import into existing photoset &quot;%1&quot;%2: %3.</source>
        <translation>Probelauf, nichts geschrieben. Würde in die bestehende Fotoserie „%1“%2 importieren: %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled; kept what was done in new photoset &quot;%1&quot;%2: %3.</source>
        <translation>Abgebrochen; das Erledigte bleibt in der neuen Fotoserie „%1“%2: %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled; kept what was done in existing photoset &quot;%1&quot;%2: %3.</source>
        <translation>Abgebrochen; das Erledigte bleibt in der bestehenden Fotoserie „%1“%2: %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported into new photoset &quot;%1&quot;%2: %3.</source>
        <translation>In die neue Fotoserie „%1“%2 importiert: %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported into existing photoset &quot;%1&quot;%2: %3.</source>
        <translation>In die bestehende Fotoserie „%1“%2 importiert: %3.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>One JSON object per line.</source>
        <translation>Ein JSON-Objekt pro Zeile.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>photosets (default) or shots.</source>
        <translation>photosets (Standard) oder shots.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With shots: only those matching QUERY.</source>
        <translation>Mit shots: nur die, die QUERY entsprechen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List what the catalog holds.</source>
        <translation>Listet, was der Katalog enthält.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>say `photosets` or `shots`.</source>
        <translation>geben Sie `photosets` oder `shots` an.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>SHOTS</source>
        <translation>AUFNAHMEN</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+29"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SOURCE</source>
        <translation>QUELLE</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FORMAT</source>
        <translation>FORMAT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SIZE</source>
        <translation>GRÖSSE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PATH</source>
        <translation>PFAD</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Do not look for the shots&apos; files on disk.</source>
        <translation>Nicht nach den Dateien der Aufnahmen auf dem Datenträger suchen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the report as JSON.</source>
        <translation>Gibt den Bericht als JSON aus.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check the catalog: database integrity, counts, files missing on disk, interrupted work. Exit code 1 when something needs attention.</source>
        <translation>Prüft den Katalog: Datenbank-Integrität, Anzahlen, auf dem Datenträger fehlende Dateien, unterbrochene Arbeiten. Exit-Code 1, wenn etwas Aufmerksamkeit braucht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+549"/>
        <source>Checking files</source>
        <translation>Dateien prüfen</translation>
    </message>
    <message>
        <location line="-519"/>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Integrity</source>
        <translation>Integrität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photosets</source>
        <translation>Fotoserien</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shots</source>
        <translation>Aufnahmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Captions</source>
        <translation>Bildunterschriften</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crops</source>
        <translation>Zuschnitte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (schema %2)</source>
        <translation>%1 (Schema %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ok</source>
        <translation>in Ordnung</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n readable</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n lesbar</numerusform>
            <numerusform>%n lesbar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+912"/>
        <source>%n failed</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-911"/>
        <source>%n unsupported</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n nicht unterstützt</numerusform>
            <numerusform>%n nicht unterstützt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n checked</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n geprüft</numerusform>
            <numerusform>%n geprüft</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n missing on disk</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n fehlt auf dem Datenträger</numerusform>
            <numerusform>%n fehlen auf dem Datenträger</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>missing: %1</source>
        <translation>fehlt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — run it again to finish it</source>
        <translation>%1 — erneut ausführen, um es abzuschließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Healthy.</source>
        <translation>In Ordnung.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Needs attention.</source>
        <translation>Braucht Aufmerksamkeit.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Long edge: 256 (default), 512 or 1024.</source>
        <translation>Lange Kante: 256 (Standard), 512 oder 1024.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rebuild thumbnails that already exist.</source>
        <translation>Bereits vorhandene Vorschaubilder neu erzeugen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cache folder (default: %1).</source>
        <translation>Der Cache-Ordner (Standard: %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decoding threads (default: one per core).</source>
        <translation>Threads zum Dekodieren (Standard: einer pro Kern).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Build the thumbnails of every readable shot into the thumbnail cache, so that the window shows them at once.</source>
        <translation>Erzeugt die Vorschaubilder aller lesbaren Aufnahmen im Vorschaubild-Cache, damit das Fenster sie sofort zeigt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>takes no arguments.</source>
        <translation>nimmt keine Argumente.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--size is 256, 512 or 1024.</source>
        <translation>--size ist 256, 512 oder 1024.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+415"/>
        <source>Thumbnails</source>
        <translation>Vorschaubilder</translation>
    </message>
    <message numerus="yes">
        <location line="-387"/>
        <location line="+430"/>
        <location line="+164"/>
        <source>%n shot(s)</source>
        <translation>
            <numerusform>%n Aufnahme</numerusform>
            <numerusform>%n Aufnahmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-593"/>
        <location line="+403"/>
        <source>%n built</source>
        <comment>thumbnails</comment>
        <translation>
            <numerusform>%n erzeugt</numerusform>
            <numerusform>%n erzeugt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-402"/>
        <location line="+403"/>
        <source>%n already there</source>
        <comment>thumbnails</comment>
        <translation>
            <numerusform>%n bereits vorhanden</numerusform>
            <numerusform>%n bereits vorhanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-402"/>
        <location line="+403"/>
        <source>%n failed</source>
        <comment>thumbnails</comment>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="-401"/>
        <source>Cancelled; %1 px thumbnails in %2: %3.</source>
        <translation>Abgebrochen; Vorschaubilder mit %1 px in %2: %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done: %1 px thumbnails in %2: %3.</source>
        <translation>Fertig: Vorschaubilder mit %1 px in %2: %3.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Print the counts as one JSON object.</source>
        <translation>Gibt die Anzahlen als ein JSON-Objekt aus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also list values with a count of 0.</source>
        <translation>Auch Werte mit der Anzahl 0 auflisten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Count within the shots matching QUERY.</source>
        <translation>Innerhalb der Aufnahmen zählen, die QUERY entsprechen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Count, for every attribute value, rating, flag and colour label, the shots that would match if that value were added to QUERY.</source>
        <translation>Zählt für jeden Attributwert, jede Bewertung, Markierung und Farbmarkierung die Aufnahmen, die passen würden, wenn dieser Wert zu QUERY hinzukäme.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give the query as one argument (quote it).</source>
        <translation>geben Sie die Suche als ein Argument an (in Anführungszeichen).</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Add this tag (repeat for more).</source>
        <translation>Dieses Schlagwort hinzufügen (für mehrere wiederholen).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove this tag (repeat for more).</source>
        <translation>Dieses Schlagwort entfernen (für mehrere wiederholen).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change the catalog only; do not write XMP sidecars.</source>
        <translation>Nur den Katalog ändern; keine XMP-Sidecar-Dateien schreiben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the result as JSON.</source>
        <translation>Gibt das Ergebnis als JSON aus.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Which shots (quote it; &quot;&quot; for all).</source>
        <translation>Welche Aufnahmen (in Anführungszeichen; &quot;&quot; für alle).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add and remove hierarchical tags (&quot;Lighting/Low key&quot;) on every shot matching QUERY.</source>
        <translation>Fügt hierarchische Schlagwörter („Lighting/Low key“) zu jeder Aufnahme hinzu, die QUERY entspricht, oder entfernt sie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0 to 5.</source>
        <translation>0 bis 5.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the rating of every shot matching QUERY.</source>
        <translation>Setzt die Bewertung jeder Aufnahme, die QUERY entspricht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pick, reject or none.</source>
        <translation>pick, reject oder none.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag every shot matching QUERY.</source>
        <translation>Markiert jede Aufnahme, die QUERY entspricht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>red, yellow, green, blue, purple or none.</source>
        <translation>red, yellow, green, blue, purple oder none.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the colour label of every shot matching QUERY.</source>
        <translation>Setzt die Farbmarkierung jeder Aufnahme, die QUERY entspricht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attribute key and option values (comma-separated for multi-valued attributes; empty to clear), e.g. time_of_day=night.</source>
        <translation>Attributschlüssel und Optionswerte (durch Kommas getrennt bei mehrwertigen Attributen; leer zum Löschen), z. B. time_of_day=night.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set attribute values on every shot matching QUERY.</source>
        <translation>Setzt Attributwerte für jede Aufnahme, die QUERY entspricht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>see `stills %1 --help` for the arguments.</source>
        <translation>die Argumente stehen in `stills %1 --help`.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>say which tags to --add or --remove.</source>
        <translation>geben Sie an, welche Schlagwörter mit --add hinzugefügt oder mit --remove entfernt werden sollen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>a rating is 0 to 5 stars, not &quot;%1&quot;.</source>
        <translation>eine Bewertung hat 0 bis 5 Sterne, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>say pick, reject or none, not &quot;%1&quot;.</source>
        <translation>geben Sie pick, reject oder none an, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>say red, yellow, green, blue, purple or none, not &quot;%1&quot;.</source>
        <translation>geben Sie red, yellow, green, blue, purple oder none an, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not ATTRIBUTE=VALUE.</source>
        <translation>„%1“ ist nicht ATTRIBUTE=VALUE.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Nothing was changed.</source>
        <translation>Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>sidecar not written: %1: %2</source>
        <translation>Sidecar-Datei nicht geschrieben: %1: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n shot(s) matched</source>
        <translation>
            <numerusform>%n Aufnahme passt</numerusform>
            <numerusform>%n Aufnahmen passen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n changed</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n geändert</numerusform>
            <numerusform>%n geändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n sidecar(s) written</source>
        <translation>
            <numerusform>%n Sidecar-Datei geschrieben</numerusform>
            <numerusform>%n Sidecar-Dateien geschrieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n sidecar(s) NOT written (the catalog has the change)</source>
        <translation>
            <numerusform>%n Sidecar-Datei NICHT geschrieben (der Katalog enthält die Änderung)</numerusform>
            <numerusform>%n Sidecar-Dateien NICHT geschrieben (der Katalog enthält die Änderung)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A folder of ZIP, RAR or 7z archives (searched recursively), or one archive.</source>
        <translation>Ein Ordner mit ZIP-, RAR- oder 7z-Archiven (rekursiv durchsucht) oder ein einzelnes Archiv.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A folder of .json files, one per photoset, matched by name.</source>
        <translation>Ein Ordner mit .json-Dateien, eine pro Fotoserie, über den Namen zugeordnet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where archives are unpacked (default: $STILLS_STORAGE, else %1).</source>
        <translation>Wohin Archive entpackt werden (Standard: $STILLS_STORAGE, sonst %1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report what would happen; change nothing.</source>
        <translation>Berichtet, was geschehen würde; ändert nichts.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do not build thumbnails.</source>
        <translation>Keine Vorschaubilder erzeugen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bring a collection of archives and their JSON metadata into the catalog: unpack and import each archive as a photoset (safely: images only, nothing outside the storage folder, bombs refused), apply the metadata, build thumbnails, then check. Run it again to resume; finished archives are skipped.</source>
        <translation>Bringt eine Sammlung von Archiven und ihren JSON-Metadaten in den Katalog: entpackt und importiert jedes Archiv als Fotoserie (sicher: nur Bilder, nichts außerhalb des Speicherordners, Archivbomben abgelehnt), wendet die Metadaten an, erzeugt Vorschaubilder und prüft dann. Erneut ausführen, um fortzusetzen; fertige Archive werden übersprungen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>give --archives DIR (and optionally --metadata DIR).</source>
        <translation>geben Sie --archives DIR an (und optional --metadata DIR).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Archives</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>cancelled; run it again to resume.</source>
        <translation>abgebrochen; erneut ausführen, um fortzusetzen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Archives: %1.</source>
        <translation>Archive: %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n imported</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n importiert</numerusform>
            <numerusform>%n importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n skipped (imported before)</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n übersprungen (bereits importiert)</numerusform>
            <numerusform>%n übersprungen (bereits importiert)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n partial</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n teilweise</numerusform>
            <numerusform>%n teilweise</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n refused</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n abgelehnt</numerusform>
            <numerusform>%n abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n failed</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Metadata: %1.</source>
        <translation>Metadaten: %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n applied</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n angewendet</numerusform>
            <numerusform>%n angewendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n unchanged</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n unverändert</numerusform>
            <numerusform>%n unverändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n unmatched</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n nicht zugeordnet</numerusform>
            <numerusform>%n nicht zugeordnet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n malformed</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n fehlerhaft</numerusform>
            <numerusform>%n fehlerhaft</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dry run, nothing written.</source>
        <translation>Probelauf, nichts geschrieben.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Thumbnails: %1.</source>
        <translation>Vorschaubilder: %1.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Check: %1, %2; %3</source>
        <translation>Prüfung: %1, %2; %3</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n missing file(s)</source>
        <translation>
            <numerusform>%n fehlende Datei</numerusform>
            <numerusform>%n fehlende Dateien</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>healthy.</source>
        <translation>in Ordnung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>needs attention (see `stills check`).</source>
        <translation>braucht Aufmerksamkeit (siehe `stills check`).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>OUT.zip, or a folder that does not exist yet.</source>
        <translation>OUT.zip oder ein Ordner, der noch nicht existiert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the saved export recipe NAME.</source>
        <translation>Das gespeicherte Export-Rezept NAME verwenden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save this command&apos;s choices as recipe NAME (replaces one of that name).</source>
        <translation>Die Einstellungen dieses Befehls als Rezept NAME speichern (ersetzt ein gleichnamiges).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the crop NAME of each shot (the whole image where it has none).</source>
        <translation>Den Zuschnitt NAME jeder Aufnahme exportieren (das ganze Bild, wo sie keinen hat).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export every named crop of each shot.</source>
        <translation>Jeden benannten Zuschnitt jeder Aufnahme exportieren.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale down to this long edge.</source>
        <translation>Auf diese lange Kante verkleinern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scale and centre-cut to a PX x PX square.</source>
        <translation>Auf ein Quadrat von PX x PX skalieren und mittig zuschneiden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>jpeg, png or webp (re-encodes).</source>
        <translation>jpeg, png oder webp (kodiert neu).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JPEG/WebP quality 1-100 (default 92).</source>
        <translation>JPEG/WebP-Qualität 1–100 (Standard 92).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caption sidecars: txt (default), caption or none.</source>
        <translation>Bildunterschrift-Sidecar-Dateien: txt (Standard), caption oder none.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the shots of the saved search NAME (a smart photoset of the window); a QUERY, if given, narrows it further.</source>
        <translation>Die Aufnahmen der gespeicherten Suche NAME exportieren (eine intelligente Fotoserie des Fensters); eine QUERY, falls angegeben, grenzt sie weiter ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+176"/>
        <source>Which shots (see `stills --help`); &quot;&quot; for all, photoset:NAME for a photoset.</source>
        <translation>Welche Aufnahmen (siehe `stills --help`); &quot;&quot; für alle, photoset:NAME für eine Fotoserie.</translation>
    </message>
    <message>
        <location line="-172"/>
        <source>Export the shots matching QUERY to a ZIP or a folder: originals or crops rendered from them, one caption sidecar per image and metadata.jsonl. Nothing is written under the target name unless the export finishes.</source>
        <translation>Exportiert die Aufnahmen, die QUERY entsprechen, in eine ZIP-Datei oder einen Ordner: Originale oder daraus gerenderte Zuschnitte, eine Bildunterschrift-Sidecar-Datei pro Bild und metadata.jsonl. Unter dem Zielnamen wird nichts geschrieben, bevor der Export fertig ist.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>give one QUERY (or --saved-search NAME) and --to OUT.</source>
        <translation>geben Sie eine QUERY (oder --saved-search NAME) und --to OUT an.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>--caption is txt, caption or none.</source>
        <translation>--caption ist txt, caption oder none.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--max-edge, --training-size and --quality take numbers.</source>
        <translation>--max-edge, --training-size und --quality erwarten Zahlen.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>there is no saved search called &quot;%1&quot;.</source>
        <translation>es gibt keine gespeicherte Suche namens „%1“.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exporting</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Exported %1 (%2) from %3 to %4; %5.</source>
        <extracomment>%1 images, %2 caption files, %3 shots, %4 the ZIP or folder, %5 shots skipped.</extracomment>
        <translation>%1 (%2) aus %3 nach %4 exportiert; %5.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n caption file(s)</source>
        <translation>
            <numerusform>%n Bildunterschrift-Datei</numerusform>
            <numerusform>%n Bildunterschrift-Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n skipped</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n übersprungen</numerusform>
            <numerusform>%n übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>builtin (default: composed from the pixels, attributes, tags and lens; no model), openai (an OpenAI-compatible server with a vision model: llama.cpp, Ollama, vLLM, LM Studio) or torchscript (a TorchScript model run by stills-infer).</source>
        <extracomment>Keep the words builtin, openai and torchscript: they are what one types.</extracomment>
        <translation>builtin (Standard: zusammengesetzt aus den Pixeln, Attributen, Schlagwörtern und dem Objektiv; kein Modell), openai (ein OpenAI-kompatibler Server mit einem Bildmodell: llama.cpp, Ollama, vLLM, LM Studio) oder torchscript (ein TorchScript-Modell, ausgeführt von stills-infer).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Leave alone the shots whose caption was typed by hand.</source>
        <translation>Aufnahmen, deren Bildunterschrift von Hand geschrieben wurde, unverändert lassen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run caption job JOB again: the shots it captioned already are skipped, the others (failed, not reached) are captioned.</source>
        <translation>Den Bildunterschriften-Auftrag JOB erneut ausführen: Aufnahmen, die er schon beschriftet hat, werden übersprungen, die übrigen (fehlgeschlagen, nicht erreicht) beschriftet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>openai: the server&apos;s URL, e.g. http://localhost:8080/v1 (default: the one in Preferences).</source>
        <translation>openai: die URL des Servers, z. B. http://localhost:8080/v1 (Standard: die in den Einstellungen).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>openai: the model (default: the one in Preferences).</source>
        <translation>openai: das Modell (Standard: das in den Einstellungen).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>openai: the prompt; {tags}, {attributes}, {title}, {lens}, {camera} and {file} are filled in per shot (default: the one in Preferences).</source>
        <translation>openai: der Prompt; {tags}, {attributes}, {title}, {lens}, {camera} und {file} werden je Aufnahme ausgefüllt (Standard: der in den Einstellungen).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>torchscript: the model file (default: the one in Preferences, with its input size, mean and std).</source>
        <translation>torchscript: die Modelldatei (Standard: die in den Einstellungen, mit deren Eingabegröße, Mittelwert und Standardabweichung).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>openai and torchscript: fail a shot when the server or the model answers nothing for this long (default 120).</source>
        <translation>openai und torchscript: eine Aufnahme gilt als fehlgeschlagen, wenn der Server oder das Modell so lange nichts antwortet (Standard 120).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print each new caption: the image&apos;s path, a tab, the caption.</source>
        <translation>Jede neue Bildunterschrift ausgeben: den Pfad des Bildes, einen Tabulator, die Bildunterschrift.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Caption the shots matching QUERY. Each caption is stored as a new version with its source (generator, model, prompt) and becomes the current one; earlier versions stay in the history. A shot that fails is listed with the reason and the rest goes on. The API key of an openai server is read from %1 (key caption/apiKey), never from the command line or the catalog.</source>
        <extracomment>%1 is the path of the secrets file.</extracomment>
        <translation>Bildunterschriften für die Aufnahmen erstellen, die zu QUERY passen. Jede Bildunterschrift wird als neue Version mit ihrer Quelle (Generator, Modell, Prompt) gespeichert und wird die aktuelle; frühere Versionen bleiben im Verlauf. Eine Aufnahme, die fehlschlägt, wird mit dem Grund aufgeführt, und der Rest läuft weiter. Der API-Schlüssel eines openai-Servers wird aus %1 gelesen (Schlüssel caption/apiKey), nie von der Befehlszeile oder aus dem Katalog.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>give one QUERY, or --resume JOB without one.</source>
        <translation>geben Sie eine QUERY an, oder --resume JOB ohne eine.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--resume takes a job number.</source>
        <translation>--resume erwartet eine Auftragsnummer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a resumed job keeps its own --only-unedited; leave it out.</source>
        <translation>ein fortgesetzter Auftrag behält sein eigenes --only-unedited; lassen Sie es weg.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--generator is builtin, openai or torchscript, not &quot;%1&quot;.</source>
        <translation>--generator ist builtin, openai oder torchscript, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--timeout takes a number of seconds (1 to 86400).</source>
        <translation>--timeout erwartet eine Anzahl Sekunden (1 bis 86400).</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>--url, --model and --prompt are for --generator openai.</source>
        <translation>--url, --model und --prompt gelten für --generator openai.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--model-file is for --generator torchscript.</source>
        <translation>--model-file gilt für --generator torchscript.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--timeout is for --generator openai or torchscript.</source>
        <translation>--timeout gilt für --generator openai oder torchscript.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&quot;%1&quot; is not an http:// or https:// URL of a server.</source>
        <translation>„%1“ ist keine http://- oder https://-URL eines Servers.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>no TorchScript model is chosen: give --model-file PATH, or choose one in Preferences, Captions.</source>
        <translation>es ist kein TorchScript-Modell gewählt: geben Sie --model-file PATH an oder wählen Sie eines unter Einstellungen, Bildunterschriften.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the TorchScript model %1 does not exist.</source>
        <translation>das TorchScript-Modell %1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Captioning</source>
        <translation>Bildunterschriften</translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>%1 of %n shot(s)</source>
        <extracomment>&quot;3 of 5 shots&quot;: %1 is the number captioned, %n the number in the job.</extracomment>
        <translation>
            <numerusform>%1 von %n Aufnahme</numerusform>
            <numerusform>%1 von %n Aufnahmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left alone (typed by hand)</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n unverändert (von Hand geschrieben)</numerusform>
            <numerusform>%n unverändert (von Hand geschrieben)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled; captioned %1 with %2 (job %3): %4, %5</source>
        <translation>Abgebrochen; Bildunterschriften für %1 mit %2 (Auftrag %3): %4, %5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Captioned %1 with %2 (job %3): %4, %5</source>
        <extracomment>%1 &quot;3 of 5 shots&quot;, %2 the generator (and its model), %3 the job&apos;s number, %4 &quot;1 failed&quot;, %5 &quot;0 left alone (typed by hand)&quot;.</extracomment>
        <translation>Bildunterschriften für %1 mit %2 (Auftrag %3): %4, %5</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n captioned by this job before</source>
        <comment>shots</comment>
        <translation>
            <numerusform>, %n schon zuvor von diesem Auftrag beschriftet</numerusform>
            <numerusform>, %n schon zuvor von diesem Auftrag beschriftet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run `stills caption --resume %1` to go on.</source>
        <translation>Führen Sie `stills caption --resume %1` aus, um fortzufahren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run `stills caption --resume %1` to try the failed ones again.</source>
        <translation>Führen Sie `stills caption --resume %1` aus, um die fehlgeschlagenen erneut zu versuchen.</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>unknown command &quot;%1&quot;; the commands are %2.</source>
        <translation>unbekannter Befehl „%1“; die Befehle sind %2.</translation>
    </message>
</context>
<context>
    <name>CropCommands</name>
    <message>
        <location filename="../ui/cropcommands.cpp" line="+54"/>
        <source>Delete Crop &quot;%1&quot;</source>
        <translation>Zuschnitt „%1“ löschen</translation>
    </message>
</context>
<context>
    <name>Curator</name>
    <message>
        <location filename="../core/curating/curator.cpp" line="+41"/>
        <source>Unknown field &quot;%1&quot;.</source>
        <translation>Unbekanntes Feld „%1“.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not change the selection: %1</source>
        <translation>Die Auswahl konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not read the selection: %1</source>
        <translation>Die Auswahl konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A rating is 0 to 5 stars, not %1.</source>
        <translation>Eine Bewertung hat 0 bis 5 Sterne, nicht %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A colour label is 0 (none) to 5, not %1.</source>
        <translation>Eine Farbmarkierung ist 0 (keine) bis 5, nicht %1.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Could not tag the selection with %1: %2</source>
        <translation>Die Auswahl konnte nicht mit %1 verschlagwortet werden: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not remove the tag %1 from the selection: %2</source>
        <translation>Das Schlagwort %1 konnte nicht von der Auswahl entfernt werden: %2</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>There is no shot %1.</source>
        <translation>Es gibt keine Aufnahme %1.</translation>
    </message>
</context>
<context>
    <name>EditCommands</name>
    <message numerus="yes">
        <location filename="../ui/editcommands.cpp" line="+48"/>
        <source>Tag &quot;%1&quot; (%n shot(s))</source>
        <translation>
            <numerusform>Schlagwort „%1“ (%n Aufnahme)</numerusform>
            <numerusform>Schlagwort „%1“ (%n Aufnahmen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Add %1 Tags (%n shot(s))</source>
        <translation>
            <numerusform>%1 Schlagwörter hinzufügen (%n Aufnahme)</numerusform>
            <numerusform>%1 Schlagwörter hinzufügen (%n Aufnahmen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Remove Tag &quot;%1&quot; (%n shot(s))</source>
        <translation>
            <numerusform>Schlagwort „%1“ entfernen (%n Aufnahme)</numerusform>
            <numerusform>Schlagwort „%1“ entfernen (%n Aufnahmen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Remove %1 Tags (%n shot(s))</source>
        <translation>
            <numerusform>%1 Schlagwörter entfernen (%n Aufnahme)</numerusform>
            <numerusform>%1 Schlagwörter entfernen (%n Aufnahmen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Change Tags (%n shot(s))</source>
        <translation>
            <numerusform>Schlagwörter ändern (%n Aufnahme)</numerusform>
            <numerusform>Schlagwörter ändern (%n Aufnahmen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+51"/>
        <source>Clear %1 (%n shot(s))</source>
        <translation>
            <numerusform>%1 leeren (%n Aufnahme)</numerusform>
            <numerusform>%1 leeren (%n Aufnahmen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Set %1 (%n shot(s))</source>
        <translation>
            <numerusform>%1 festlegen (%n Aufnahme)</numerusform>
            <numerusform>%1 festlegen (%n Aufnahmen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+36"/>
        <source>New Photoset &quot;%1&quot;</source>
        <translation>Neue Fotoserie „%1“</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>New Photoset &quot;%1&quot; (%n shot(s))</source>
        <translation>
            <numerusform>Neue Fotoserie „%1“ (%n Aufnahme)</numerusform>
            <numerusform>Neue Fotoserie „%1“ (%n Aufnahmen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Delete Photoset &quot;%1&quot;</source>
        <translation>Fotoserie „%1“ löschen</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Rename Photoset &quot;%1&quot; to &quot;%2&quot;</source>
        <translation>Fotoserie „%1“ in „%2“ umbenennen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit Photoset &quot;%1&quot;</source>
        <translation>Fotoserie „%1“ bearbeiten</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Add %n Shot(s) to &quot;%1&quot;</source>
        <translation>
            <numerusform>%n Aufnahme zu „%1“ hinzufügen</numerusform>
            <numerusform>%n Aufnahmen zu „%1“ hinzufügen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>Remove %n Shot(s) from &quot;%1&quot;</source>
        <translation>
            <numerusform>%n Aufnahme aus „%1“ entfernen</numerusform>
            <numerusform>%n Aufnahmen aus „%1“ entfernen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Reorder %n Shot(s)</source>
        <translation>
            <numerusform>%n Aufnahme umsortieren</numerusform>
            <numerusform>%n Aufnahmen umsortieren</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Imaging</name>
    <message>
        <location filename="../core/imaging/imagedecoder.cpp" line="+82"/>
        <source>the data is damaged or uses a variant of the format that cannot be decoded</source>
        <translation>die Daten sind beschädigt oder verwenden eine Variante des Formats, die nicht dekodiert werden kann</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not in an image format Stills can decode</source>
        <translation>%1 liegt in keinem Bildformat vor, das Stills dekodieren kann</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 could not be decoded: %2</source>
        <translation>%1 konnte nicht dekodiert werden: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The image is %1 × %2 pixels (%3 megapixels); Stills does not decode images over %4 megapixels</source>
        <translation>Das Bild hat %1 × %2 Pixel (%3 Megapixel); Stills dekodiert keine Bilder über %4 Megapixel</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>The file is not a JPEG image, so it has no embedded EXIF preview</source>
        <translation>Die Datei ist kein JPEG-Bild und hat daher keine eingebettete EXIF-Vorschau</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>A thumbnail needs a size of at least one pixel</source>
        <translation>Ein Vorschaubild braucht eine Größe von mindestens einem Pixel</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+81"/>
        <source>The file could not be opened: %1</source>
        <translation>Die Datei konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location line="-72"/>
        <location line="+46"/>
        <source>The image</source>
        <translation>Das Bild</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>The image is %1 × %2 pixels; decoding it would need more than %3 MiB of memory</source>
        <translation>Das Bild hat %1 × %2 Pixel; zum Dekodieren wären mehr als %3 MiB Speicher nötig</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The file has no embedded EXIF preview</source>
        <translation>Die Datei hat keine eingebettete EXIF-Vorschau</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+3"/>
        <source>The embedded EXIF preview is damaged</source>
        <translation>Die eingebettete EXIF-Vorschau ist beschädigt</translation>
    </message>
    <message>
        <location filename="../core/imaging/thumbnailbuilder.cpp" line="+75"/>
        <location filename="../core/imaging/thumbnailcache.cpp" line="+373"/>
        <source>Thumbnails are 256, 512 or 1024 pixels, not %1</source>
        <translation>Vorschaubilder haben 256, 512 oder 1024 Pixel, nicht %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The thumbnail cache “%1” could not be created</source>
        <translation>Der Vorschaubild-Cache „%1“ konnte nicht angelegt werden</translation>
    </message>
    <message>
        <location filename="../core/imaging/thumbnailcache.cpp" line="-265"/>
        <source>The thumbnail folder “%1” could not be created</source>
        <translation>Der Vorschaubild-Ordner „%1“ konnte nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The thumbnail could not be encoded: %1</source>
        <translation>Das Vorschaubild konnte nicht kodiert werden: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+5"/>
        <location line="+3"/>
        <source>The thumbnail “%1” could not be written: %2</source>
        <translation>Das Vorschaubild „%1“ konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>the disk is full or the file too large</source>
        <translation>der Datenträger ist voll oder die Datei zu groß</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>The shot has no valid content hash</source>
        <translation>Die Aufnahme hat keine gültige Inhaltsprüfsumme</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>“%1” is not a content hash</source>
        <translation>„%1“ ist keine Inhaltsprüfsumme</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <location filename="../core/importing/folderimporter.cpp" line="+104"/>
        <location line="+48"/>
        <source>There is no file or folder %1.</source>
        <translation>Es gibt keine Datei und keinen Ordner %1.</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>%1 cannot be read (permission denied).</source>
        <translation>%1 kann nicht gelesen werden (Zugriff verweigert).</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The catalog is open read-only.</source>
        <translation>Der Katalog ist schreibgeschützt geöffnet.</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>changed on disk</source>
        <translation>auf dem Datenträger geändert</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>moved from %1</source>
        <translation>verschoben von %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>its XMP sidecar was not read: %1</source>
        <translation>die zugehörige XMP-Sidecar-Datei wurde nicht gelesen: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The import stopped at %1: %2</source>
        <translation>Der Import wurde bei %1 angehalten: %2</translation>
    </message>
</context>
<context>
    <name>InferenceClient</name>
    <message>
        <location filename="../core/captioning/inferenceclient.cpp" line="+89"/>
        <source>The model worker %1 could not be started: %2. Is the stills-infer package installed?</source>
        <translation>Der Modell-Worker %1 konnte nicht gestartet werden: %2. Ist das Paket stills-infer installiert?</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The model worker answered something that is not JSON (%1); it was stopped.</source>
        <translation>Der Modell-Worker hat etwas geantwortet, das kein JSON ist (%1); er wurde beendet.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The model worker stopped unexpectedly (it crashed or was killed).</source>
        <translation>Der Modell-Worker wurde unerwartet beendet (abgestürzt oder abgebrochen).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model worker quit with exit code %1.</source>
        <translation>Der Modell-Worker wurde mit dem Exit-Code %1 beendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It said: %1</source>
        <translation>Meldung: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It will be restarted for the next shot.</source>
        <translation>Er wird für die nächste Aufnahme neu gestartet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The model worker did not answer within %1 s; it was stopped and will be restarted for the next shot.</source>
        <translation>Der Modell-Worker hat nicht innerhalb von %1 s geantwortet; er wurde beendet und wird für die nächste Aufnahme neu gestartet.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No TorchScript model is chosen. Choose one in Preferences, Captions.</source>
        <translation>Es ist kein TorchScript-Modell gewählt. Wählen Sie eines unter Einstellungen, Bildunterschriften.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The TorchScript model %1 does not exist.</source>
        <translation>Das TorchScript-Modell %1 existiert nicht.</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <location filename="../app/infer/main.cpp" line="+86"/>
        <source>&quot;%1&quot; could not be loaded as a TorchScript model: %2</source>
        <translation>„%1“ konnte nicht als TorchScript-Modell geladen werden: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; has no forward() method to run.</source>
        <translation>„%1“ hat keine Methode forward(), die ausgeführt werden kann.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The labels() method of &quot;%1&quot; does not return a list of strings: %2</source>
        <translation>Die Methode labels() von „%1“ gibt keine Liste von Zeichenketten zurück: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The image was not prepared at the model&apos;s input size.</source>
        <translation>Das Bild wurde nicht in der Eingabegröße des Modells vorbereitet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model failed on this image: %1</source>
        <translation>Das Modell ist an diesem Bild gescheitert: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model answered a %1; Stills understands a string (a caption) or a tensor of scores (tags).</source>
        <translation>Das Modell hat ein(e) %1 geantwortet; Stills versteht eine Zeichenkette (eine Bildunterschrift) oder einen Tensor von Werten (Schlagwörter).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model answered no scores.</source>
        <translation>Das Modell hat keine Werte geantwortet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The model input size must be 8 to 4096 pixels, not %1.</source>
        <translation>Die Eingabegröße des Modells muss 8 bis 4096 Pixel betragen, nicht %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The normalisation std must not be 0.</source>
        <translation>Die Standardabweichung der Normalisierung darf nicht 0 sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No model file is set.</source>
        <translation>Es ist keine Modelldatei festgelegt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No model is loaded.</source>
        <translation>Es ist kein Modell geladen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Unknown request &quot;%1&quot;.</source>
        <translation>Unbekannte Anfrage „%1“.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The request is not a JSON object: %1</source>
        <translation>Die Anfrage ist kein JSON-Objekt: %1</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <location filename="../core/jobs/jobkinds.cpp" line="+137"/>
        <location line="+18"/>
        <source>Captioning failed: %1</source>
        <translation>Beschriften fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Captioning cancelled: %n caption(s) stored</source>
        <translation>
            <numerusform>Beschriften abgebrochen: %n Bildunterschrift gespeichert</numerusform>
            <numerusform>Beschriften abgebrochen: %n Bildunterschriften gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Captioned %n shot(s)</source>
        <translation>
            <numerusform>%n Aufnahme beschriftet</numerusform>
            <numerusform>%n Aufnahmen beschriftet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left alone (typed by hand)</source>
        <translation>
            <numerusform>%n unverändert gelassen (von Hand geschrieben)</numerusform>
            <numerusform>%n unverändert gelassen (von Hand geschrieben)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n captioned before</source>
        <translation>
            <numerusform>%n schon vorher beschriftet</numerusform>
            <numerusform>%n schon vorher beschriftet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Import failed: %1</source>
        <translation>Import fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 “%2”: %3 added, %4 updated, %5 moved, %6 unchanged, %7 failed, %8 unsupported.</source>
        <translation>%1 „%2“: %3 hinzugefügt, %4 aktualisiert, %5 verschoben, %6 unverändert, %7 fehlgeschlagen, %8 nicht unterstützt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import cancelled, kept what was done in</source>
        <translation>Import abgebrochen, das Erledigte bleibt in</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Imported into</source>
        <translation>Importiert in</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>Export abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exported %1 images (%2 caption files) from %3 shots to %4; %5 skipped.</source>
        <translation>%1 Bilder (%2 Bildunterschrift-Dateien) aus %3 Aufnahmen nach %4 exportiert; %5 übersprungen.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Archives: %1 imported, %2 skipped, %3 partial, %4 refused, %5 failed%6.</source>
        <translation>Archive: %1 importiert, %2 übersprungen, %3 teilweise, %4 abgelehnt, %5 fehlgeschlagen%6.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (cancelled; run it again to resume)</source>
        <translation> (abgebrochen; erneut ausführen, um fortzusetzen)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Thumbnails cancelled: %1 made, %2 already there, %3 failed.</source>
        <translation>Vorschaubilder abgebrochen: %1 erstellt, %2 schon vorhanden, %3 fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thumbnails: %1 made, %2 already there, %3 failed.</source>
        <translation>Vorschaubilder: %1 erstellt, %2 schon vorhanden, %3 fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The caption server &quot;%1&quot; in Preferences is not an http:// or https:// address.</source>
        <translation>Der Bildunterschrift-Server „%1“ in den Einstellungen ist keine http://- oder https://-Adresse.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No TorchScript model is chosen. Choose one in Preferences, Captions.</source>
        <translation>Es ist kein TorchScript-Modell gewählt. Wählen Sie eines in Einstellungen, Bildunterschriften.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The TorchScript model %1 does not exist.</source>
        <translation>Das TorchScript-Modell %1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 at %2</source>
        <extracomment>%1 the model, %2 the server&apos;s address</extracomment>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the built-in captioner</source>
        <translation>dem eingebauten Beschrifter</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 — %2: %3</source>
        <extracomment>%1 the archive, %2 what happened to it (imported, skipped…), %3 the details</extracomment>
        <translation>%1 — %2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>    refused %1: %2</source>
        <translation>    %1 abgelehnt: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>    %1 %2: %3</source>
        <translation>    %1 %2: %3</translation>
    </message>
    <message>
        <location filename="../core/jobs/jobqueue.cpp" line="+71"/>
        <source>There is no kind of job called &quot;%1&quot;.</source>
        <translation>Es gibt keine Auftragsart „%1“.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cancelled before it started.</source>
        <translation>Vor dem Start abgebrochen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Job %1 is not running here.</source>
        <translation>Auftrag %1 läuft hier nicht.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Job %1 is running already.</source>
        <translation>Auftrag %1 läuft bereits.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Jobs of the kind &quot;%1&quot; cannot be run from here.</source>
        <translation>Aufträge der Art „%1“ können von hier aus nicht ausgeführt werden.</translation>
    </message>
    <message>
        <location line="+234"/>
        <source>Captioning the shots matching “%1” with %2</source>
        <extracomment>%1 a search (&quot;photoset:#3 tag:Night&quot;), %2 the generator</extracomment>
        <translation>Die Aufnahmen zu „%1“ mit %2 beschriften</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Regenerating unedited captions of %n shot(s) with %1</source>
        <extracomment>%1 the generator (&quot;the built-in captioner&quot;, a model at a server, a model file)</extracomment>
        <translation>
            <numerusform>Unbearbeitete Bildunterschrift von %n Aufnahme mit %1 neu erzeugen</numerusform>
            <numerusform>Unbearbeitete Bildunterschriften von %n Aufnahmen mit %1 neu erzeugen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Captioning %n shot(s) with %1</source>
        <translation>
            <numerusform>%n Aufnahme mit %1 beschriften</numerusform>
            <numerusform>%n Aufnahmen mit %1 beschriften</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Regenerating unedited captions of %n shot(s)</source>
        <translation>
            <numerusform>Unbearbeitete Bildunterschrift von %n Aufnahme neu erzeugen</numerusform>
            <numerusform>Unbearbeitete Bildunterschriften von %n Aufnahmen neu erzeugen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Captioning %n shot(s)</source>
        <translation>
            <numerusform>%n Aufnahme beschriften</numerusform>
            <numerusform>%n Aufnahmen beschriften</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Importing %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exporting to %1</source>
        <translation>Export nach %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Importing archives from %1</source>
        <translation>Archive aus %1 importieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Making %1 px thumbnails</source>
        <translation>Vorschaubilder mit %1 px erstellen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>queued</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>Metadata</name>
    <message>
        <location filename="../core/metadata/exifreader.cpp" line="+399"/>
        <source>The metadata reader does not recognise this file: %1</source>
        <translation>Das Metadaten-Modul erkennt diese Datei nicht: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file could not be opened to read its metadata: %1</source>
        <translation>Die Datei konnte zum Lesen ihrer Metadaten nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+71"/>
        <source>The photo&apos;s metadata (EXIF) is damaged: %1</source>
        <translation>Die Metadaten (EXIF) des Fotos sind beschädigt: %1</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>The file ends inside its JPEG header (segment at byte %1), before the metadata could be read</source>
        <translation>Die Datei endet innerhalb ihres JPEG-Headers (Segment bei Byte %1), bevor die Metadaten gelesen werden konnten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The JPEG header is damaged: the segment at byte %1 has an impossible length</source>
        <translation>Der JPEG-Header ist beschädigt: Das Segment bei Byte %1 hat eine unmögliche Länge</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The metadata reader could not open the image</source>
        <translation>Das Metadaten-Modul konnte das Bild nicht öffnen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>EXIF is read only from JPEG, PNG, WebP and TIFF files</source>
        <translation>EXIF wird nur aus JPEG-, PNG-, WebP- und TIFF-Dateien gelesen</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+30"/>
        <location filename="../core/metadata/fileprobe.cpp" line="+549"/>
        <source>The file is empty</source>
        <translation>Die Datei ist leer</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>The file is too large to read its metadata</source>
        <translation>Die Datei ist zu groß, um ihre Metadaten zu lesen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The photo&apos;s metadata claims more memory than is available; it is damaged</source>
        <translation>Die Metadaten des Fotos beanspruchen mehr Speicher als verfügbar; sie sind beschädigt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>“%1” is a folder, not an image</source>
        <translation>„%1“ ist ein Ordner, kein Bild</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../core/metadata/fileprobe.cpp" line="+28"/>
        <location filename="../core/metadata/xmpsidecar.cpp" line="+275"/>
        <source>“%1” is not a regular file</source>
        <translation>„%1“ ist keine reguläre Datei</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../core/metadata/fileprobe.cpp" line="+3"/>
        <source>Could not open “%1”: %2</source>
        <translation>„%1“ konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../core/metadata/fileprobe.cpp" line="+6"/>
        <source>Could not read “%1”: %2</source>
        <translation>„%1“ konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../core/metadata/fileprobe.cpp" line="-439"/>
        <source>HEIC images are not supported yet: no HEIF decoder is available</source>
        <translation>HEIC-Bilder werden noch nicht unterstützt: Es ist kein HEIF-Decoder verfügbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AVIF images are not supported yet: no AVIF decoder is available</source>
        <translation>AVIF-Bilder werden noch nicht unterstützt: Es ist kein AVIF-Decoder verfügbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Canon CR3 raw files are not supported</source>
        <translation>Canon-CR3-Rohdateien werden nicht unterstützt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is a video or another ISO media file, not a supported image</source>
        <translation>Die Datei ist ein Video oder eine andere ISO-Mediendatei, kein unterstütztes Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is a video or another ISO media file (brand “%1”), not a supported image</source>
        <translation>Die Datei ist ein Video oder eine andere ISO-Mediendatei (Marke „%1“), kein unterstütztes Bild</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is a RIFF container (such as a video or sound), not a WebP image</source>
        <translation>Die Datei ist ein RIFF-Container (etwa ein Video oder Ton), kein WebP-Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is a RIFF container of type “%1” (such as a video or sound), not a WebP image</source>
        <translation>Die Datei ist ein RIFF-Container vom Typ „%1“ (etwa ein Video oder Ton), kein WebP-Bild</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JPEG 2000 images are not supported</source>
        <translation>JPEG-2000-Bilder werden nicht unterstützt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photoshop documents are not supported</source>
        <translation>Photoshop-Dokumente werden nicht unterstützt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file is a PDF document, not an image</source>
        <translation>Die Datei ist ein PDF-Dokument, kein Bild</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PostScript and EPS files are not supported</source>
        <translation>PostScript- und EPS-Dateien werden nicht unterstützt</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The file is truncated: %1</source>
        <translation>Die Datei ist abgeschnitten: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+7"/>
        <source>it ends inside the JPEG header, before the image data</source>
        <translation>sie endet innerhalb des JPEG-Headers, vor den Bilddaten</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The file contains no image data: the JPEG ends before its first scan</source>
        <translation>Die Datei enthält keine Bilddaten: Das JPEG endet vor seinem ersten Scan</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a JPEG header segment at byte %1 runs past the end of the file</source>
        <translation>ein JPEG-Header-Segment bei Byte %1 reicht über das Dateiende hinaus</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Lossless JPEG images are not supported</source>
        <translation>Verlustfreie JPEG-Bilder werden nicht unterstützt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hierarchical JPEG images are not supported</source>
        <translation>Hierarchische JPEG-Bilder werden nicht unterstützt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1-bit JPEG images are not supported (only 8-bit JPEG can be decoded)</source>
        <translation>JPEG-Bilder mit %1 Bit werden nicht unterstützt (nur 8-Bit-JPEG kann dekodiert werden)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The JPEG header is damaged: it declares %1 bits per sample</source>
        <translation>Der JPEG-Header ist beschädigt: Er gibt %1 Bit pro Abtastwert an</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>JPEG images that give their height after the image data (DNL) are not supported</source>
        <translation>JPEG-Bilder, die ihre Höhe erst nach den Bilddaten angeben (DNL), werden nicht unterstützt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The JPEG structure is damaged: the image data starts before the frame header</source>
        <translation>Die JPEG-Struktur ist beschädigt: Die Bilddaten beginnen vor dem Frame-Header</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the JPEG image data stops without an end-of-image marker</source>
        <translation>die JPEG-Bilddaten enden ohne End-of-Image-Markierung</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it ends inside the PNG “%1” chunk</source>
        <translation>sie endet innerhalb des PNG-Chunks „%1“</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it ends before the PNG end marker (IEND)</source>
        <translation>sie endet vor der PNG-Endmarkierung (IEND)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it ends inside the GIF header</source>
        <translation>sie endet innerhalb des GIF-Headers</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>it ends inside a GIF extension block</source>
        <translation>sie endet innerhalb eines GIF-Erweiterungsblocks</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it ends inside a GIF image descriptor</source>
        <translation>sie endet innerhalb eines GIF-Bilddeskriptors</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it ends inside the data of GIF frame %1</source>
        <translation>sie endet innerhalb der Daten von GIF-Einzelbild %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>it ends before the first GIF frame</source>
        <translation>sie endet vor dem ersten GIF-Einzelbild</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the WebP container declares %1 bytes but the file has %2</source>
        <translation>der WebP-Container gibt %1 Byte an, die Datei hat aber %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it ends inside the TIFF header</source>
        <translation>sie endet innerhalb des TIFF-Headers</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the first TIFF directory lies beyond the end of the file</source>
        <translation>das erste TIFF-Verzeichnis liegt hinter dem Dateiende</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it ends inside the first TIFF directory</source>
        <translation>sie endet innerhalb des ersten TIFF-Verzeichnisses</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the TIFF strip table lies beyond the end of the file</source>
        <translation>die TIFF-Streifentabelle liegt hinter dem Dateiende</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the TIFF image data needs %1 bytes but the file has %2</source>
        <translation>die TIFF-Bilddaten brauchen %1 Byte, die Datei hat aber %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>it ends inside the BMP header</source>
        <translation>sie endet innerhalb des BMP-Headers</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the BMP pixel data needs %1 bytes but the file has %2</source>
        <translation>die BMP-Pixeldaten brauchen %1 Byte, die Datei hat aber %2</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>The file is not a valid image: its content matches no supported format</source>
        <translation>Die Datei ist kein gültiges Bild: Ihr Inhalt passt zu keinem unterstützten Format</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The image is too large: %1 × %2 pixels is over the limit of %3 megapixels</source>
        <translation>Das Bild ist zu groß: %1 × %2 Pixel liegen über der Grenze von %3 Megapixeln</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The file does not exist</source>
        <translation>Die Datei existiert nicht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is a folder, not an image file</source>
        <translation>Dies ist ein Ordner, keine Bilddatei</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is not a regular file (a device, pipe or socket)</source>
        <translation>Dies ist keine reguläre Datei (ein Gerät, eine Pipe oder ein Socket)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The file could not be opened: %1</source>
        <translation>Die Datei konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The file is too large to import (%1 MB; the limit is %2 MB)</source>
        <translation>Die Datei ist zu groß für den Import (%1 MB; die Grenze liegt bei %2 MB)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file could not be read: %1</source>
        <translation>Die Datei konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>“%1” is a folder, not a file</source>
        <translation>„%1“ ist ein Ordner, keine Datei</translation>
    </message>
    <message>
        <location filename="../core/metadata/xmpsidecar.cpp" line="-60"/>
        <source>it declares a document type (DTD), which XMP does not allow</source>
        <translation>sie deklariert einen Dokumenttyp (DTD), was XMP nicht erlaubt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>it is not well-formed XML (line %1, column %2: %3)</source>
        <translation>sie ist kein wohlgeformtes XML (Zeile %1, Spalte %2: %3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is XML but holds no XMP metadata (no rdf:RDF element)</source>
        <translation>sie ist XML, enthält aber keine XMP-Metadaten (kein rdf:RDF-Element)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the XMP toolkit could not parse it (code %1)</source>
        <translation>das XMP-Toolkit konnte sie nicht verarbeiten (Code %1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the XMP toolkit failed: %1</source>
        <translation>das XMP-Toolkit ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The sidecar “%1” is too large (%2 bytes) to be XMP metadata</source>
        <translation>Die Sidecar-Datei „%1“ ist zu groß (%2 Byte), um XMP-Metadaten zu sein</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not open the sidecar “%1”: %2</source>
        <translation>Die Sidecar-Datei „%1“ konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not read the sidecar “%1”: %2</source>
        <translation>Die Sidecar-Datei „%1“ konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>The XMP metadata cannot be read: %1</source>
        <translation>Die XMP-Metadaten können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The sidecar “%1” cannot be read: %2</source>
        <translation>Die Sidecar-Datei „%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” has no XMP sidecar</source>
        <translation>„%1“ hat keine XMP-Sidecar-Datei</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The existing sidecar “%1” cannot be read, so it was not replaced (it may hold other programs&apos; data): %2</source>
        <translation>Die vorhandene Sidecar-Datei „%1“ kann nicht gelesen werden und wurde daher nicht ersetzt (sie könnte Daten anderer Programme enthalten): %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The XMP metadata for “%1” could not be encoded (code %2)</source>
        <translation>Die XMP-Metadaten für „%1“ konnten nicht kodiert werden (Code %2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>The sidecar “%1” was not written: %2</source>
        <translation>Die Sidecar-Datei „%1“ wurde nicht geschrieben: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+4"/>
        <location line="+3"/>
        <source>Could not write the sidecar “%1”: %2</source>
        <translation>Die Sidecar-Datei „%1“ konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/main.cpp" line="+81"/>
        <location line="+7"/>
        <source>Stills</source>
        <translation>Stills</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The catalog used last time could not be opened; Stills opens the default catalog instead.

%1</source>
        <translation>Der zuletzt verwendete Katalog konnte nicht geöffnet werden; Stills öffnet stattdessen den Standardkatalog.

%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The catalog could not be opened.

%1</source>
        <translation>Der Katalog konnte nicht geöffnet werden.

%1</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../core/common/settings.cpp" line="+145"/>
        <source>The preferences could not be saved to %1.</source>
        <translation>Die Einstellungen konnten nicht in %1 gespeichert werden.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The key file %1 could not be read.</source>
        <translation>Die Schlüsseldatei %1 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not create the folder %1.</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The key file %1 could not be created: %2</source>
        <translation>Die Schlüsseldatei %1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+13"/>
        <source>The key file %1 could not be made private.</source>
        <translation>Die Schlüsseldatei %1 konnte nicht auf „nur für Sie lesbar“ gesetzt werden.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>The key file %1 could not be written.</source>
        <translation>Die Schlüsseldatei %1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>ShotEditCommand</name>
    <message>
        <location filename="../ui/shoteditcommand.cpp" line="+25"/>
        <source>Clear Rating</source>
        <translation>Bewertung entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate 1 Star</source>
        <translation>Mit 1 Stern bewerten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate %1 Stars</source>
        <translation>Mit %1 Sternen bewerten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flag as Pick</source>
        <translation>Als Auswahl markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag as Rejected</source>
        <translation>Als abgelehnt markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Flag</source>
        <translation>Markierung aufheben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove Colour Label</source>
        <translation>Farbmarkierung entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label %1</source>
        <translation>Farbmarkierung %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2 shots)</source>
        <translation>%1 (%2 Aufnahmen)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unknown edit.</source>
        <translation>Unbekannte Bearbeitung.</translation>
    </message>
</context>
<context>
    <name>TagEdits</name>
    <message>
        <location filename="../core/curating/tagedits.cpp" line="+29"/>
        <source>There is no tag &quot;%1&quot; (any more).</source>
        <translation>Das Schlagwort „%1“ gibt es nicht (mehr).</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Rename Tag “%1” to “%2”</source>
        <translation>Schlagwort „%1“ in „%2“ umbenennen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move Tag “%1” to the Top Level</source>
        <translation>Schlagwort „%1“ auf die oberste Ebene verschieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move Tag “%1” into “%2”</source>
        <translation>Schlagwort „%1“ nach „%2“ verschieben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Merge Tag “%1” into “%2”</source>
        <translation>Schlagwort „%1“ mit „%2“ zusammenführen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete Tag “%1”</source>
        <translation>Schlagwort „%1“ löschen</translation>
    </message>
    <message>
        <location line="+88"/>
        <location line="+69"/>
        <source>Unknown tag edit.</source>
        <translation>Unbekannte Schlagwort-Bearbeitung.</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>This tag edit was never applied, so there is nothing to undo.</source>
        <translation>Diese Schlagwort-Bearbeitung wurde nie angewendet, daher gibt es nichts rückgängig zu machen.</translation>
    </message>
</context>
<context>
    <name>ThumbnailDiskCache</name>
    <message>
        <location filename="../core/imaging/thumbnaildiskcache.cpp" line="+67"/>
        <source>Could not remove the thumbnail %1.</source>
        <translation>Das Vorschaubild %1 konnte nicht gelöscht werden.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not remove all of %1.</source>
        <translation>%1 konnte nicht vollständig gelöscht werden.</translation>
    </message>
</context>
<context>
    <name>stills</name>
    <message>
        <location filename="../core/captioning/openaicaptiongenerator.cpp" line="+103"/>
        <source>The caption server reported an error: %1</source>
        <translation>Der Bildunterschriften-Server meldete einen Fehler: %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The image could not be read: %1</source>
        <translation>Das Bild konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The image could not be converted to JPEG for the caption server.</source>
        <translation>Das Bild konnte für den Bildunterschriften-Server nicht in JPEG umgewandelt werden.</translation>
    </message>
</context>
<context>
    <name>stills::AboutDialog</name>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="+16"/>
        <source>About Stills</source>
        <translation>Über Stills</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;h2&gt;Stills %1&lt;/h2&gt;&lt;p&gt;A fast desktop gallery for film stills and captioned image datasets.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Runs on&lt;/b&gt;&lt;/p&gt;&lt;table&gt;%2&lt;/table&gt;&lt;p&gt;&lt;b&gt;Licence:&lt;/b&gt; %3&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Stills %1&lt;/h2&gt;&lt;p&gt;Eine schnelle Desktop-Galerie für Filmstills und beschriftete Bilddatensätze.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Läuft mit&lt;/b&gt;&lt;/p&gt;&lt;table&gt;%2&lt;/table&gt;&lt;p&gt;&lt;b&gt;Lizenz:&lt;/b&gt; %3&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>stills::ArchiveImportDialog</name>
    <message>
        <location filename="../ui/archiveimportdialog.cpp" line="+24"/>
        <source>Import Archives</source>
        <translation>Archive importieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a .zip, .rar or .7z file, or a folder of them</source>
        <translation>eine .zip-, .rar- oder .7z-Datei oder ein Ordner mit solchen Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive…</source>
        <translation>Archiv …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder…</source>
        <translation>Ordner …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import an Archive</source>
        <translation>Ein Archiv importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archives (*.zip *.cbz *.rar *.cbr *.7z *.cb7 *.tar)</source>
        <translation>Archive (*.zip *.cbz *.rar *.cbr *.7z *.cb7 *.tar)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import a Folder of Archives</source>
        <translation>Einen Ordner mit Archiven importieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import:</source>
        <translation>Importieren:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Images are unpacked here, one folder per archive; nothing is written anywhere else.</source>
        <translation>Die Bilder werden hierhin entpackt, ein Ordner pro Archiv; sonst wird nirgends etwas geschrieben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpack into:</source>
        <translation>Entpacken nach:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dry run: report what would happen, change nothing</source>
        <translation>Probelauf: berichten, was geschehen würde, nichts ändern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%v of %m archives</source>
        <translation>%v von %m Archiven</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Choose an archive or a folder of archives.</source>
        <translation>Wählen Sie ein Archiv oder einen Ordner mit Archiven.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No catalog is open.</source>
        <translation>Es ist kein Katalog geöffnet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The import cannot start: %1</source>
        <translation>Der Import kann nicht beginnen: %1</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Dry run: %1 would be imported, %2 skipped, %3 partial, %4 refused, %5 failed%6.</source>
        <translation>Probelauf: %1 würden importiert, %2 übersprungen, %3 teilweise, %4 abgelehnt, %5 fehlgeschlagen%6.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (cancelled)</source>
        <translation> (abgebrochen)</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>stills::ArchiveImporter</name>
    <message>
        <location filename="../core/importing/archiveimporter.cpp" line="+214"/>
        <source>its name cannot be read (it is not valid in the encoding the archive declares)</source>
        <translation>sein Name kann nicht gelesen werden (er ist in der vom Archiv angegebenen Kodierung ungültig)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the name is longer than %1 bytes</source>
        <translation>der Name ist länger als %1 Bytes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an absolute path (it would be written outside the storage folder)</source>
        <translation>ein absoluter Pfad (er würde außerhalb des Speicherordners geschrieben)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a path with a drive letter (it would be written outside the storage folder)</source>
        <translation>ein Pfad mit Laufwerksbuchstaben (er würde außerhalb des Speicherordners geschrieben)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a path that climbs out with &quot;..&quot; (it would be written outside the storage folder)</source>
        <translation>ein Pfad, der mit „..“ nach oben steigt (er würde außerhalb des Speicherordners geschrieben)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a file or folder name longer than 255 bytes</source>
        <translation>ein Datei- oder Ordnername länger als 255 Bytes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the name is empty once cleaned</source>
        <translation>der Name ist nach dem Bereinigen leer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nested more than %1 folders deep</source>
        <translation>mehr als %1 Ordner tief verschachtelt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Out of memory opening %1.</source>
        <translation>Nicht genug Arbeitsspeicher beim Öffnen von %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 cannot be opened as an archive: %2</source>
        <translation>%1 kann nicht als Archiv geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 exists already; nothing is unpacked over it.</source>
        <translation>%1 existiert bereits; darüber wird nichts entpackt.</translation>
    </message>
    <message>
        <location line="-122"/>
        <location line="+124"/>
        <source>The folder %1 cannot be created.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="-226"/>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <location line="+53"/>
        <location line="+6"/>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1 is a link; nothing is unpacked through it.</source>
        <translation>%1 ist ein Link; durch ihn wird nichts entpackt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 cannot be moved to %2.</source>
        <translation>%1 kann nicht nach %2 verschoben werden.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partly imported</source>
        <translation>teilweise importiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>%1 was refused: %2. Nothing from it is imported.</source>
        <translation>%1 wurde abgelehnt: %2. Daraus wird nichts importiert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it unpacks to more than %1</source>
        <translation>entpackt ergibt es mehr als %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it unpacks to more than %1 times its size (%2 from %3 read), like a ZIP bomb</source>
        <translation>entpackt ergibt es mehr als das %1-Fache seiner Größe (%2 aus %3 gelesen), wie eine ZIP-Bombe</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+99"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>the archive is damaged after %1 entries: %2</source>
        <translation>das Archiv ist nach %1 Einträgen beschädigt: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it holds more than %1 entries</source>
        <translation>es enthält mehr als %1 Einträge</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a hard link (only regular files are taken)</source>
        <translation>ein harter Link (nur reguläre Dateien werden übernommen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a symbolic link (only regular files are taken)</source>
        <translation>ein symbolischer Link (nur reguläre Dateien werden übernommen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a device, pipe or socket (only regular files are taken)</source>
        <translation>ein Gerät, eine Pipe oder ein Socket (nur reguläre Dateien werden übernommen)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>an archive inside the archive is not opened; import it on its own</source>
        <translation>ein Archiv im Archiv wird nicht geöffnet; importieren Sie es einzeln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not an image</source>
        <translation>kein Bild</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+80"/>
        <source>an empty file</source>
        <translation>eine leere Datei</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>it declares more than %1 of data</source>
        <translation>es gibt mehr als %1 Daten an</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a second entry with the same name (nothing is overwritten)</source>
        <translation>ein zweiter Eintrag mit demselben Namen (nichts wird überschrieben)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a path that leaves the storage folder</source>
        <translation>ein Pfad, der den Speicherordner verlässt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a path through a link</source>
        <translation>ein Pfad über einen Link</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>its folder cannot be created</source>
        <translation>sein Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot be written: %1</source>
        <translation>kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>cannot be read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+28"/>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>the archive is damaged at %1</source>
        <translation>das Archiv ist bei %1 beschädigt</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>There is no file or folder %1.</source>
        <translation>Es gibt keine Datei und keinen Ordner %1.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The catalog is open read-only.</source>
        <translation>Der Katalog ist schreibgeschützt geöffnet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There are no archives (%1) in %2.</source>
        <translation>In %2 gibt es keine Archive (%1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The storage folder %1 cannot be created.</source>
        <translation>Der Speicherordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message numerus="yes">
        <location line="+96"/>
        <source>would import %n image(s) as the photoset &quot;%1&quot;</source>
        <translation>
            <numerusform>würde %n Bild als Fotoserie „%1“ importieren</numerusform>
            <numerusform>würde %n Bilder als Fotoserie „%1“ importieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 is damaged: would import %n image(s) as the photoset &quot;%2&quot;, the rest cannot be read (%3).</source>
        <translation>
            <numerusform>%1 ist beschädigt: würde %n Bild als Fotoserie „%2“ importieren, der Rest kann nicht gelesen werden (%3).</numerusform>
            <numerusform>%1 ist beschädigt: würde %n Bilder als Fotoserie „%2“ importieren, der Rest kann nicht gelesen werden (%3).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>%1 is still damaged: %n image(s) could be read and are imported (%2 new), the rest cannot be read (%3).</source>
        <translation>
            <numerusform>%1 ist weiterhin beschädigt: %n Bild konnte gelesen werden und ist importiert (%2 neu), der Rest kann nicht gelesen werden (%3).</numerusform>
            <numerusform>%1 ist weiterhin beschädigt: %n Bilder konnten gelesen werden und sind importiert (%2 neu), der Rest kann nicht gelesen werden (%3).</numerusform>
        </translation>
    </message>
    <message>
        <location line="-241"/>
        <source>its data is damaged (the checksum stored in the archive does not match)</source>
        <translation>seine Daten sind beschädigt (die im Archiv gespeicherte Prüfsumme stimmt nicht)</translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>the archive is cut off after %n entry(s): whatever followed is missing</source>
        <translation>
            <numerusform>das Archiv bricht nach %n Eintrag ab: was danach kam, fehlt</numerusform>
            <numerusform>das Archiv bricht nach %n Einträgen ab: was danach kam, fehlt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+110"/>
        <source>The unfinished folder %1 cannot be removed.</source>
        <translation>Der unfertige Ordner %1 kann nicht entfernt werden.</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>only %1 of its %2 entries could be read</source>
        <translation>nur %1 seiner %2 Einträge konnten gelesen werden</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>%1 holds no images.</source>
        <translation>%1 enthält keine Bilder.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: nothing could be read (%2).</source>
        <translation>%1: nichts konnte gelesen werden (%2).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 cannot be renamed to %2.</source>
        <translation>%1 kann nicht in %2 umbenannt werden.</translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
        <source>%1 is damaged: %n image(s) imported, the rest could not be read (%2).</source>
        <translation>
            <numerusform>%1 ist beschädigt: %n Bild importiert, der Rest konnte nicht gelesen werden (%2).</numerusform>
            <numerusform>%1 ist beschädigt: %n Bilder importiert, der Rest konnte nicht gelesen werden (%2).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>imported before</source>
        <translation>bereits zuvor importiert</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n image(s) added</source>
        <translation>
            <numerusform>%n Bild hinzugefügt</numerusform>
            <numerusform>%n Bilder hinzugefügt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::AttributeEditor</name>
    <message>
        <location filename="../ui/attributeeditor.cpp" line="+93"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>(mixed)</source>
        <translation>(gemischt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The selected shots have different values</source>
        <translation>Die ausgewählten Aufnahmen haben unterschiedliche Werte</translation>
    </message>
    <message>
        <location line="+120"/>
        <source> +%1</source>
        <translation> +%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>
* only some of the selected shots</source>
        <translation>
* nur bei einigen der ausgewählten Aufnahmen</translation>
    </message>
</context>
<context>
    <name>stills::BuiltinCaptionGenerator</name>
    <message>
        <location filename="../core/captioning/builtincaptiongenerator.cpp" line="+101"/>
        <source>Captioning was cancelled.</source>
        <translation>Das Erstellen der Bildunterschriften wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The shot has no image file to caption.</source>
        <translation>Die Aufnahme hat keine Bilddatei, zu der eine Bildunterschrift erstellt werden könnte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The image could not be analysed: %1</source>
        <translation>Das Bild konnte nicht analysiert werden: %1</translation>
    </message>
</context>
<context>
    <name>stills::CaptionEditor</name>
    <message>
        <location filename="../ui/captioneditor.cpp" line="+67"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Caption&lt;/b&gt;</source>
        <translation>&lt;b&gt;Bildunterschrift&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No caption yet. Type one, or use Shot ▸ Caption Selected.</source>
        <translation>Noch keine Bildunterschrift. Tippen Sie eine ein oder verwenden Sie Aufnahme ▸ Auswahl beschriften.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The current caption; Ctrl+Return saves it as a new version</source>
        <translation>Die aktuelle Bildunterschrift; Strg+Eingabe speichert sie als neue Version</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Store the text as a new version typed by hand (Ctrl+Return); Ctrl+Z undoes it</source>
        <translation>Den Text als neue, von Hand geschriebene Version speichern (Strg+Eingabe); Strg+Z macht es rückgängig</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every version of the caption, newest first; the current one is in bold</source>
        <translation>Alle Versionen der Bildunterschrift, die neueste zuerst; die aktuelle ist fett</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Make the chosen version the current caption again; Ctrl+Z undoes it</source>
        <translation>Die gewählte Version wieder zur aktuellen Bildunterschrift machen; Strg+Z macht es rückgängig</translation>
    </message>
    <message numerus="yes">
        <location line="+81"/>
        <source>%n shots selected: select one shot to edit its caption. Shot ▸ Caption Selected and Find and Replace in Captions work on the whole selection.</source>
        <translation>
            <numerusform>%n Aufnahme ausgewählt: Wählen Sie eine Aufnahme, um ihre Bildunterschrift zu bearbeiten. Aufnahme ▸ Auswahl beschriften und Suchen und Ersetzen in Bildunterschriften wirken auf die ganze Auswahl.</numerusform>
            <numerusform>%n Aufnahmen ausgewählt: Wählen Sie eine Aufnahme, um ihre Bildunterschrift zu bearbeiten. Aufnahme ▸ Auswahl beschriften und Suchen und Ersetzen in Bildunterschriften wirken auf die ganze Auswahl.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select a shot to see and edit its caption.</source>
        <translation>Wählen Sie eine Aufnahme, um ihre Bildunterschrift zu sehen und zu bearbeiten.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The caption could not be read: %1</source>
        <translation>Die Bildunterschrift konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 · %2 · %3</source>
        <extracomment>A version in the caption history: %1 date and time, %2 where it came from, %3 its first words</extracomment>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <location line="+83"/>
        <source>%n word(s)</source>
        <translation>
            <numerusform>%n Wort</numerusform>
            <numerusform>%n Wörter</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · ≈ %2 CLIP tokens: over %3, CLIP reads only the beginning</source>
        <extracomment>%1 words, %2 estimated tokens, %3 the limit (77)</extracomment>
        <translation>%1 · ≈ %2 CLIP-Token: mehr als %3, CLIP liest nur den Anfang</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 · ≈ %2 of %3 CLIP tokens</source>
        <translation>%1 · ≈ %2 von %3 CLIP-Token</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Estimated: 1.3 tokens a word, one per punctuation mark, plus the start and end markers</source>
        <translation>Geschätzt: 1,3 Token je Wort, eines je Satzzeichen, dazu die Start- und Endmarke</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Being captioned…</source>
        <translation>Wird beschriftet …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved yet: Ctrl+Return saves.</source>
        <translation>Noch nicht gespeichert: Strg+Eingabe speichert.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1, prompt: %2</source>
        <extracomment>%1 where the caption came from, %2 the prompt a model was given</extracomment>
        <translation>%1, Prompt: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>typed</source>
        <translation>getippt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>built-in</source>
        <translation>eingebaut</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, edited</source>
        <extracomment>%1 the generator (and model) that wrote the caption</extracomment>
        <translation>%1, bearbeitet</translation>
    </message>
</context>
<context>
    <name>stills::CaptionReplaceDialog</name>
    <message>
        <location filename="../ui/captionreplacedialog.cpp" line="+19"/>
        <source>&amp;Match case</source>
        <translation>&amp;Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find and Replace in Captions</source>
        <translation>Suchen und Ersetzen in Bildunterschriften</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>In the current captions of the %n selected shot(s). Each caption that changes is stored as a new version typed by hand; the earlier one stays in its history.</source>
        <translation>
            <numerusform>In der aktuellen Bildunterschrift der %n ausgewählten Aufnahme. Jede geänderte Bildunterschrift wird als neue, von Hand geschriebene Version gespeichert; die frühere bleibt im Verlauf.</numerusform>
            <numerusform>In den aktuellen Bildunterschriften der %n ausgewählten Aufnahmen. Jede geänderte Bildunterschrift wird als neue, von Hand geschriebene Version gespeichert; die frühere bleibt im Verlauf.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Find:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace &amp;with:</source>
        <translation>Ersetzen &amp;durch:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Replace</source>
        <translation>&amp;Ersetzen</translation>
    </message>
</context>
<context>
    <name>stills::Captioner</name>
    <message>
        <location filename="../core/captioning/captioner.cpp" line="+147"/>
        <source>Job %1 is not a captioning job.</source>
        <translation>Auftrag %1 ist kein Auftrag zum Erstellen von Bildunterschriften.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Job %1 was started with the %2 generator, not %3; resume it with the same one.</source>
        <translation>Auftrag %1 wurde mit dem Generator %2 gestartet, nicht mit %3; setzen Sie ihn mit demselben fort.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>shot %1</source>
        <translation>Aufnahme %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The shot is no longer in the catalog.</source>
        <translation>Die Aufnahme ist nicht mehr im Katalog.</translation>
    </message>
    <message numerus="yes">
        <location line="+60"/>
        <source>%n shot(s) could not be captioned.</source>
        <translation>
            <numerusform>Für %n Aufnahme konnte keine Bildunterschrift erstellt werden.</numerusform>
            <numerusform>Für %n Aufnahmen konnte keine Bildunterschrift erstellt werden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::ConflictDialog</name>
    <message>
        <location filename="../ui/conflictdialog.cpp" line="+27"/>
        <source>Changed by Someone Else</source>
        <translation>Von jemand anderem geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Someone else changed %1 since you opened it. Which version should the catalog keep?</source>
        <translation>Jemand anderes hat %1 geändert, seit Sie es geöffnet haben. Welche Fassung soll der Katalog behalten?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Theirs (in the catalog)</source>
        <translation>Deren Fassung (im Katalog)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mine</source>
        <translation>Meine</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Keep Theirs</source>
        <translation>Deren Fassung behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overwrite with Mine</source>
        <translation>Mit meiner überschreiben</translation>
    </message>
</context>
<context>
    <name>stills::CropCanvas</name>
    <message>
        <location filename="../ui/cropcanvas.cpp" line="+216"/>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
</context>
<context>
    <name>stills::CropEditor</name>
    <message>
        <location filename="../ui/cropeditor.cpp" line="+75"/>
        <source>The shot&apos;s named crops; choosing another saves the changes to this one</source>
        <translation>Die benannten Zuschnitte der Aufnahme; beim Wechsel werden die Änderungen an diesem gespeichert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crop:</source>
        <translation>Zuschnitt:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New…</source>
        <translation>Neu …</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a crop to this shot, starting from the one shown</source>
        <translation>Der Aufnahme einen Zuschnitt hinzufügen, ausgehend vom angezeigten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename…</source>
        <translation>Umbenennen …</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rename the crop shown</source>
        <translation>Den angezeigten Zuschnitt umbenennen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the crop shown (Ctrl+Z brings it back)</source>
        <translation>Den angezeigten Zuschnitt löschen (Strg+Z holt ihn zurück)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The shape of the crop; a training size also warns when the crop has fewer pixels</source>
        <translation>Die Form des Zuschnitts; eine Trainingsgröße warnt außerdem, wenn der Zuschnitt weniger Pixel hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aspect:</source>
        <translation>Seitenverhältnis:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⟲ 90°</source>
        <translation>⟲ 90°</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Turn the crop anticlockwise ([)</source>
        <translation>Zuschnitt gegen den Uhrzeigersinn drehen ([)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⟳ 90°</source>
        <translation>⟳ 90°</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Turn the crop clockwise (])</source>
        <translation>Zuschnitt im Uhrzeigersinn drehen (])</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Turn:</source>
        <translation>Drehen:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Straighten: turn the image up to 45° either way about the crop&apos;s centre</source>
        <translation>Begradigen: das Bild um bis zu 45° in jede Richtung um die Mitte des Zuschnitts drehen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Straighten:</source>
        <translation>Begradigen:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Suggest</source>
        <translation>Vorschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Place the crop on what stands out in the image</source>
        <translation>Den Zuschnitt auf das legen, was im Bild hervorsticht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The largest crop of this aspect</source>
        <translation>Der größte Zuschnitt mit diesem Seitenverhältnis</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Drag to draw, move or resize. Arrows move, Shift+arrows resize, Ctrl for larger steps; [ and ] turn. Enter applies, Escape cancels.</source>
        <translation>Ziehen zum Aufziehen, Verschieben oder Ändern der Größe. Pfeiltasten verschieben, Umschalt+Pfeiltasten ändern die Größe, Strg für größere Schritte; [ und ] drehen. Eingabe übernimmt, Esc bricht ab.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leave without saving the changes to this crop (Escape)</source>
        <translation>Verlassen, ohne die Änderungen an diesem Zuschnitt zu speichern (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the crop and leave (Enter)</source>
        <translation>Zuschnitt speichern und verlassen (Eingabe)</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>The image cannot be shown: %1</source>
        <translation>Das Bild kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The crops of this shot cannot be read: %1</source>
        <translation>Die Zuschnitte dieser Aufnahme können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Crop not saved</source>
        <translation>Zuschnitt nicht gespeichert</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+92"/>
        <source>New Crop &quot;%1&quot;</source>
        <translation>Neuer Zuschnitt „%1“</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Edit Crop &quot;%1&quot;</source>
        <translation>Zuschnitt „%1“ bearbeiten</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>This shot already has a crop named &quot;%1&quot;.</source>
        <translation>Diese Aufnahme hat bereits einen Zuschnitt namens „%1“.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+2"/>
        <source>crop</source>
        <translation>Zuschnitt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New Crop</source>
        <translation>Neuer Zuschnitt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name of the new crop:</source>
        <translation>Name des neuen Zuschnitts:</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Rename Crop</source>
        <translation>Zuschnitt umbenennen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name of the crop &quot;%1&quot;:</source>
        <translation>Neuer Name des Zuschnitts „%1“:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rename Crop &quot;%1&quot; to &quot;%2&quot;</source>
        <translation>Zuschnitt „%1“ in „%2“ umbenennen</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 (not saved yet)</source>
        <translation>%1 (noch nicht gespeichert)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1°</source>
        <translation>%1°</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Output: %1 × %2 pixels</source>
        <translation>Ergebnis: %1 × %2 Pixel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved yet: Enter applies, Escape drops it.</source>
        <translation>Noch nicht gespeichert: Eingabe übernimmt, Esc verwirft.</translation>
    </message>
</context>
<context>
    <name>stills::CropGeometry</name>
    <message>
        <location filename="../core/imaging/cropgeometry.cpp" line="+93"/>
        <source>Free</source>
        <translation>Frei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 × %2 (training)</source>
        <translation>%1 × %2 (Training)</translation>
    </message>
    <message>
        <location line="+245"/>
        <source>The crop has %1 × %2 pixels of the original, fewer than the %3 × %4 training size: it would be upscaled.</source>
        <translation>Der Zuschnitt hat %1 × %2 Pixel des Originals, weniger als die Trainingsgröße %3 × %4: Er würde hochskaliert.</translation>
    </message>
</context>
<context>
    <name>stills::CropRenderer</name>
    <message>
        <location filename="../core/imaging/croprenderer.cpp" line="+62"/>
        <source>There is no image to crop.</source>
        <translation>Es gibt kein Bild zum Zuschneiden.</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Straightened by %1°, the crop &quot;%2&quot; leaves no pixels: move it away from the image&apos;s edge or straighten less.</source>
        <translation>Um %1° begradigt, bleibt vom Zuschnitt „%2“ kein Pixel übrig: Rücken Sie ihn vom Bildrand weg oder begradigen Sie weniger.</translation>
    </message>
</context>
<context>
    <name>stills::ExportDialog</name>
    <message>
        <location filename="../ui/exportdialog.cpp" line="+29"/>
        <location line="+87"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message numerus="yes">
        <location line="-84"/>
        <source>The %n selected shot(s)</source>
        <translation>
            <numerusform>Die %n ausgewählte Aufnahme</numerusform>
            <numerusform>Die %n ausgewählten Aufnahmen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shots matching:</source>
        <translation>Passende Aufnahmen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>photoset:NAME, tag:…, rating&gt;=3 … (empty: every shot)</source>
        <translation>photoset:NAME, tag:…, rating&gt;=3 … (leer: alle Aufnahmen)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What:</source>
        <translation>Was:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>export.zip, or a new folder</source>
        <translation>export.zip oder ein neuer Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>To:</source>
        <translation>Nach:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(current choices)</source>
        <translation>(aktuelle Einstellungen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as Recipe…</source>
        <translation>Als Rezept speichern …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recipe:</source>
        <translation>Rezept:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Originals</source>
        <translation>Originale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crops</source>
        <translation>Zuschnitte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every named crop</source>
        <translation>jeder benannte Zuschnitt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Crop:</source>
        <translation>Zuschnitt:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images:</source>
        <translation>Bilder:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>full size</source>
        <translation>volle Größe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest edge:</source>
        <translation>Längste Kante:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> px square</source>
        <translation> px im Quadrat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training size:</source>
        <translation>Trainingsgröße:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep (JPEG when rendered)</source>
        <translation>Beibehalten (JPEG, wenn gerendert)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quality:</source>
        <translation>Qualität:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>.txt beside each image</source>
        <translation>.txt neben jedem Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>.caption beside each image</source>
        <translation>.caption neben jedem Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Captions:</source>
        <translation>Bildunterschriften:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>metadata.jsonl (tags, attributes, caption, crop, source hash)</source>
        <translation>metadata.jsonl (Schlagwörter, Attribute, Bildunterschrift, Zuschnitt, Quell-Hash)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest:</source>
        <translation>Manifest:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%v of %m shots</source>
        <translation>%v von %m Aufnahmen</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Save Export Recipe</source>
        <translation>Export-Rezept speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replace Recipe</source>
        <translation>Rezept ersetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replace the recipe &quot;%1&quot;?</source>
        <translation>Das Rezept „%1“ ersetzen?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recipe Not Saved</source>
        <translation>Rezept nicht gespeichert</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Export To</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ZIP archives (*.zip);;Folder (any other name)</source>
        <translation>ZIP-Archive (*.zip);;Ordner (jeder andere Name)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose where to export to.</source>
        <translation>Wählen Sie, wohin exportiert werden soll.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No catalog is open.</source>
        <translation>Es ist kein Katalog geöffnet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The export cannot start: %1</source>
        <translation>Der Export kann nicht beginnen: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export to %1 queued after the one running; it goes on in the Jobs panel if you close this.</source>
        <translation>Export nach %1 wartet auf den laufenden; er läuft im Auftragsbereich weiter, wenn Sie dieses Fenster schließen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exporting to %1… (closing this window leaves it running; see View ▸ Jobs)</source>
        <translation>Export nach %1 … (er läuft weiter, wenn Sie dieses Fenster schließen; siehe Ansicht ▸ Aufträge)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Skipped %1: %2</source>
        <translation>%1 übersprungen: %2</translation>
    </message>
</context>
<context>
    <name>stills::ExportRecipe</name>
    <message>
        <location filename="../core/exporting/exportrecipe.cpp" line="+67"/>
        <source>Unknown image choice &quot;%1&quot; (originals or crops).</source>
        <translation>Unbekannte Bildwahl „%1“ (originals oder crops).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unknown caption sidecar &quot;%1&quot; (txt, caption or none).</source>
        <translation>Unbekannte Bildunterschrift-Sidecar-Datei „%1“ (txt, caption oder none).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unknown format &quot;%1&quot; (jpeg, png or webp).</source>
        <translation>Unbekanntes Format „%1“ (jpeg, png oder webp).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The quality must be between 1 and 100, not %1.</source>
        <translation>Die Qualität muss zwischen 1 und 100 liegen, nicht %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sizes must be between 1 and 65535 pixels.</source>
        <translation>Größen müssen zwischen 1 und 65535 Pixeln liegen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+33"/>
        <source>There is no export recipe named &quot;%1&quot;.</source>
        <translation>Es gibt kein Export-Rezept namens „%1“.</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>The export recipe &quot;%1&quot; is damaged in the settings.</source>
        <translation>Das Export-Rezept „%1“ ist in den Einstellungen beschädigt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>An export recipe needs a name.</source>
        <translation>Ein Export-Rezept braucht einen Namen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The export recipe &quot;%1&quot; could not be saved to the settings.</source>
        <translation>Das Export-Rezept „%1“ konnte nicht in den Einstellungen gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>stills::Exporter</name>
    <message>
        <location filename="../core/exporting/exporter.cpp" line="+75"/>
        <source>%1 exists already; choose another name (nothing is overwritten).</source>
        <translation>%1 existiert bereits; wählen Sie einen anderen Namen (nichts wird überschrieben).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The unfinished export %1 cannot be removed.</source>
        <translation>Der unfertige Export %1 kann nicht entfernt werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder %1 cannot be created.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 cannot be copied to %2: %3</source>
        <translation>%1 kann nicht nach %2 kopiert werden: %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 appeared while the export ran; it is left as it was.</source>
        <translation>%1 ist während des Exports entstanden; es bleibt unverändert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cannot be renamed to %2.</source>
        <translation>%1 kann nicht in %2 umbenannt werden.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>cannot be encoded as %1: %2</source>
        <translation>kann nicht als %1 kodiert werden: %2</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Nothing to export: the selection is empty.</source>
        <translation>Nichts zu exportieren: Die Auswahl ist leer.</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+83"/>
        <location line="+21"/>
        <source>The export was cancelled; nothing was written to %1.</source>
        <translation>Der Export wurde abgebrochen; nichts wurde nach %1 geschrieben.</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>the file is missing</source>
        <translation>die Datei fehlt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The catalog could not be read for %1.</source>
        <translation>Der Katalog konnte für %1 nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+81"/>
        <location line="+8"/>
        <location line="+14"/>
        <source>The export stopped; nothing was written to %1: %2</source>
        <translation>Der Export wurde angehalten; nichts wurde nach %1 geschrieben: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing could be exported (%1 shots skipped); nothing was written to %2.</source>
        <translation>Nichts konnte exportiert werden (%1 Aufnahmen übersprungen); nichts wurde nach %2 geschrieben.</translation>
    </message>
</context>
<context>
    <name>stills::FacetPanel</name>
    <message>
        <location filename="../ui/facetpanel.cpp" line="+44"/>
        <location line="+2"/>
        <source>Find a facet value</source>
        <translation>Facettenwert suchen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Facets</source>
        <translation>Facetten</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flag</source>
        <translation>Markierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour label</source>
        <translation>Farbmarkierung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unrated</source>
        <translation>Unbewertet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pick</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unflagged</source>
        <translation>Nicht markiert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No label</source>
        <translation>Keine Farbmarkierung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Red</source>
        <translation>Rot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yellow</source>
        <translation>Gelb</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Green</source>
        <translation>Grün</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blue</source>
        <translation>Blau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Purple</source>
        <translation>Lila</translation>
    </message>
    <message numerus="yes">
        <location line="+75"/>
        <source>%n shot(s) would match with this value</source>
        <translation>
            <numerusform>%n Aufnahme würde mit diesem Wert passen</numerusform>
            <numerusform>%n Aufnahmen würden mit diesem Wert passen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::InspectorPanel</name>
    <message>
        <location filename="../ui/inspectorpanel.cpp" line="+67"/>
        <source>No shot selected</source>
        <translation>Keine Aufnahme ausgewählt</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n shots selected</source>
        <translation>
            <numerusform>%n Aufnahme ausgewählt</numerusform>
            <numerusform>%n Aufnahmen ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This file cannot be read: %1</source>
        <translation>Diese Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file is not supported: %1</source>
        <translation>Diese Datei wird nicht unterstützt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file is missing on disk.</source>
        <translation>Diese Datei fehlt auf dem Datenträger.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This image cannot be shown: %1</source>
        <translation>Dieses Bild kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dimensions</source>
        <translation>Abmessungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 × %2 px</source>
        <translation>%1 × %2 px</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File size</source>
        <translation>Dateigröße</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken</source>
        <translation>Aufgenommen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lens</source>
        <translation>Objektiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focal length</source>
        <translation>Brennweite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aperture</source>
        <translation>Blende</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exposure</source>
        <translation>Belichtung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ISO</source>
        <translation>ISO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orientation</source>
        <translation>Ausrichtung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>EXIF %1</source>
        <translation>EXIF %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
</context>
<context>
    <name>stills::JobsPanel</name>
    <message>
        <location filename="../ui/jobspanel.cpp" line="+70"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+173"/>
        <source>Retry Failed</source>
        <translation>Fehlgeschlagene wiederholen</translation>
    </message>
    <message>
        <location line="-165"/>
        <source>The job list could not be read again: %1</source>
        <translation>Die Auftragsliste konnte nicht neu gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why it failed</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop the selected job after its current item (Delete); what is done is kept</source>
        <translation>Den gewählten Auftrag nach dem aktuellen Element anhalten (Entf); Erledigtes bleibt erhalten</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the job again from where it stopped</source>
        <translation>Den Auftrag dort fortsetzen, wo er stehen blieb</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the job again; what it did already is not done twice</source>
        <translation>Den Auftrag erneut ausführen; Erledigtes wird nicht doppelt getan</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select a job to see what failed.</source>
        <translation>Wählen Sie einen Auftrag, um zu sehen, was fehlschlug.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The failures of this job cannot be read: %1</source>
        <translation>Die Fehler dieses Auftrags können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The job failed: %1</source>
        <translation>Der Auftrag ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing failed.</source>
        <translation>Nichts ist fehlgeschlagen.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n item(s) failed:</source>
        <translation>
            <numerusform>%n Element fehlgeschlagen:</numerusform>
            <numerusform>%n Elemente fehlgeschlagen:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancelling “%1” after its current item…</source>
        <translation>„%1“ wird nach dem aktuellen Element abgebrochen …</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The job cannot be run again: %1</source>
        <translation>Der Auftrag kann nicht erneut ausgeführt werden: %1</translation>
    </message>
</context>
<context>
    <name>stills::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+86"/>
        <source>Stills</source>
        <translation>Stills</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Some XMP sidecars could not be written; click to see them and retry</source>
        <translation>Einige XMP-Sidecar-Dateien konnten nicht geschrieben werden; klicken, um sie anzuzeigen und es erneut zu versuchen</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Import a Folder…</source>
        <translation>Einen Ordner importieren …</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Photosets</source>
        <translation>Fotoserien</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Photosets</source>
        <translation>&amp;Fotoserien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved searches</source>
        <translation>Gespeicherte Suchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved searches: click to show what matches now. Save one with &quot;Save Search…&quot; above the grid; right-click to rename or delete.</source>
        <translation>Gespeicherte Suchen: Klicken zeigt, was jetzt passt. Speichern Sie eine mit „Suche speichern …“ über dem Raster; Rechtsklick zum Umbenennen oder Löschen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sa&amp;ved Searches</source>
        <translation>Gespeicherte &amp;Suchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Filter</source>
        <translation>Fi&amp;lter</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Thumbnail size (Ctrl++ / Ctrl+-)</source>
        <translation>Vorschaugröße (Strg++ / Strg+-)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Attributes of the selected shots; a change applies to the whole selection (Ctrl+Z undoes it)</source>
        <translation>Attribute der ausgewählten Aufnahmen; eine Änderung gilt für die ganze Auswahl (Strg+Z macht sie rückgängig)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import Folder…</source>
        <translation>Ordner &amp;importieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+I</source>
        <translation>Ctrl+Shift+I</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import &amp;Archives…</source>
        <translation>&amp;Archive importieren …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Open Catalog File…</source>
        <translation>Katalogdatei ö&amp;ffnen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect to Catalog &amp;URL…</source>
        <translation>Mit Katalog-&amp;URL verbinden …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;None</source>
        <translation>&amp;Nichts auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Clear Search and Filters</source>
        <translation>Suche und Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+=</source>
        <translation>Ctrl+=</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Space or Enter in the grid; Escape goes back</source>
        <translation>Leertaste oder Eingabe im Raster; Escape führt zurück</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Shot</source>
        <translation>A&amp;ufnahme</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Clear Rating</source>
        <translation>Bewertung entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rate 1 Star</source>
        <translation>Mit 1 Stern bewerten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rate %1 Stars</source>
        <translation>Mit %1 Sternen bewerten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flag as &amp;Pick</source>
        <translation>Als &amp;Auswahl markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag as Re&amp;jected</source>
        <translation>Als abge&amp;lehnt markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unflag</source>
        <translation>Markierung a&amp;ufheben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Red</source>
        <translation>Rot</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Yellow</source>
        <translation>Gelb</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Green</source>
        <translation>Grün</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blue</source>
        <translation>Blau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label %1</source>
        <translation>Farbmarkierung %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Colour Label</source>
        <translation>Farbmarkierung entfernen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Add Tags…</source>
        <translation>Schlagwörter &amp;hinzufügen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remo&amp;ve Tags…</source>
        <translation>Schlagwörter &amp;entfernen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Manage Tags…</source>
        <translation>Schlagwörter &amp;verwalten …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Caption Selected</source>
        <translation>Auswahl &amp;beschriften</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caption the selected shots with the generator chosen in Preferences; each caption is a new version</source>
        <translation>Die ausgewählten Aufnahmen mit dem in den Einstellungen gewählten Generator beschriften; jede Bildunterschrift ist eine neue Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;generate Unedited Captions</source>
        <translation>Unbearbeitete Bildunterschriften &amp;neu erzeugen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caption the selected shots again, leaving alone those whose caption was typed by hand</source>
        <translation>Die ausgewählten Aufnahmen neu beschriften, außer denen, deren Bildunterschrift von Hand geschrieben wurde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find and Re&amp;place in Captions…</source>
        <translation>Suchen und &amp;Ersetzen in Bildunterschriften …</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Edit the crops of the current shot</source>
        <translation>Die Zuschnitte der aktuellen Aufnahme bearbeiten</translation>
    </message>
    <message>
        <location line="-372"/>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Show the background jobs: progress, cancel, failures (View ▸ Jobs)</source>
        <translation>Die Hintergrundaufträge zeigen: Fortschritt, Abbrechen, Fehler (Ansicht ▸ Aufträge)</translation>
    </message>
    <message>
        <location line="+231"/>
        <source>Make &amp;Thumbnails</source>
        <translation>&amp;Vorschaubilder erstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the thumbnails of the whole catalog ahead of time, in the background</source>
        <translation>Die Vorschaubilder des ganzen Katalogs im Voraus im Hintergrund erstellen</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>&amp;Jobs</source>
        <translation>&amp;Aufträge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Background jobs: progress, cancel, retry failed, resume interrupted</source>
        <translation>Hintergrundaufträge: Fortschritt, Abbrechen, Fehlgeschlagene wiederholen, Unterbrochene fortsetzen</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>C&amp;rop…</source>
        <translation>&amp;Zuschneiden …</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Auto-Advance</source>
        <translation>Automatisch &amp;weiter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move to the next shot after rating or flagging one</source>
        <translation>Nach dem Bewerten oder Markieren zur nächsten Aufnahme gehen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Stills</source>
        <translation>&amp;Über Stills</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The new language is used when Stills is started again.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Stills.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new thumbnail cache folder is used when Stills is started again.</source>
        <translation>Der neue Ordner für Vorschaubilder gilt ab dem nächsten Start von Stills.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The thumbnail cache could not be trimmed to its size limit: %1</source>
        <translation>Der Vorschaubild-Cache konnte nicht auf seine Größengrenze gekürzt werden: %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+36"/>
        <source>Some selected shots are still loading; nothing was changed. Try again in a moment.</source>
        <translation>Einige ausgewählte Aufnahmen werden noch geladen; nichts wurde geändert. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select one or more shots first.</source>
        <translation>Wählen Sie zuerst eine oder mehrere Aufnahmen aus.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Added to &quot;%1&quot;. B adds the next selection there too.</source>
        <translation>Zu „%1“ hinzugefügt. B fügt die nächste Auswahl ebenfalls dort hinzu.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Shots are removed from a photoset, not from the library: open a photoset first.</source>
        <translation>Aufnahmen werden aus einer Fotoserie entfernt, nicht aus der Bibliothek: Öffnen Sie zuerst eine Fotoserie.</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+102"/>
        <source>Rename Photoset</source>
        <translation>Fotoserie umbenennen</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>&amp;Photoset</source>
        <translation>&amp;Fotoserie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New Photoset…</source>
        <translation>&amp;Neue Fotoserie …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New Photoset from &amp;Selection…</source>
        <translation>Neue Fotoserie aus &amp;Auswahl …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add Selection to Photoset…</source>
        <translation>Auswahl zu Fotoserie &amp;hinzufügen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Selection to the &amp;Last Photoset	B</source>
        <translation>Auswahl zur &amp;letzten Fotoserie hinzufügen	B</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Remove Selection from This Photoset	Del</source>
        <translation>Auswahl aus dieser Fotoserie &amp;entfernen	Del</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit Photoset…</source>
        <translation>Fotoserie &amp;bearbeiten …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+Alt+E</source>
        <translation>Ctrl+Alt+E</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;name Photoset…</source>
        <translation>Fotoserie &amp;umbenennen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Delete Photoset…</source>
        <translation>Fotoserie lö&amp;schen …</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New Photoset from Selection</source>
        <translation>Neue Fotoserie aus Auswahl</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New Photoset</source>
        <translation>Neue Fotoserie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A photoset needs a name; nothing was created.</source>
        <translation>Eine Fotoserie braucht einen Namen; es wurde nichts angelegt.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Add to Photoset</source>
        <translation>Zu Fotoserie hinzufügen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Add %n selected shot(s) to the photoset (type a new name to create one):</source>
        <translation>
            <numerusform>%n ausgewählte Aufnahme zur Fotoserie hinzufügen (geben Sie einen neuen Namen ein, um eine anzulegen):</numerusform>
            <numerusform>%n ausgewählte Aufnahmen zur Fotoserie hinzufügen (geben Sie einen neuen Namen ein, um eine anzulegen):</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose a photoset to rename (the library has no name to change).</source>
        <translation>Wählen Sie eine Fotoserie zum Umbenennen (die Bibliothek hat keinen Namen, der sich ändern ließe).</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+391"/>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <location line="-377"/>
        <source>Delete Photoset</source>
        <translation>Fotoserie löschen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete the photoset &quot;%1&quot;? Its %n shot(s) stay in the library; Undo brings the photoset back.</source>
        <translation>
            <numerusform>Die Fotoserie „%1“ löschen? Ihre %n Aufnahme bleibt in der Bibliothek; Rückgängig stellt die Fotoserie wieder her.</numerusform>
            <numerusform>Die Fotoserie „%1“ löschen? Ihre %n Aufnahmen bleiben in der Bibliothek; Rückgängig stellt die Fotoserie wieder her.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The selected shots carry no tags.</source>
        <translation>Die ausgewählten Aufnahmen haben keine Schlagwörter.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>The selected shots could not be listed: %1</source>
        <translation>Die gewählten Aufnahmen konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Captioning cannot start: %1</source>
        <translation>Das Beschriften kann nicht beginnen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Captioning %n shot(s) with %1…</source>
        <extracomment>%1 the generator (&quot;the built-in captioner&quot;, or a model at a server)</extracomment>
        <translation>
            <numerusform>%n Aufnahme wird mit %1 beschriftet …</numerusform>
            <numerusform>%n Aufnahmen werden mit %1 beschriftet …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Find and replace: %n caption(s) changed.</source>
        <translation>
            <numerusform>Suchen und Ersetzen: %n Bildunterschrift geändert.</numerusform>
            <numerusform>Suchen und Ersetzen: %n Bildunterschriften geändert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Not changed: %1 Refresh (F5) to see the current values, then edit again.</source>
        <translation>Nicht geändert: %1 Aktualisieren Sie (F5), um die aktuellen Werte zu sehen, und bearbeiten Sie dann erneut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The edit failed: %1</source>
        <translation>Die Änderung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit not made</source>
        <translation>Änderung nicht vorgenommen</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n shot(s) were changed by someone else after this edit and were left as they are.</source>
        <translation>
            <numerusform>%n Aufnahme wurde nach dieser Bearbeitung von jemand anderem geändert und blieb unverändert.</numerusform>
            <numerusform>%n Aufnahmen wurden nach dieser Bearbeitung von jemand anderem geändert und blieben unverändert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n XMP sidecar(s) could not be written (the catalog has the change): %1</source>
        <translation>
            <numerusform>%n XMP-Begleitdatei konnte nicht geschrieben werden (der Katalog enthält die Änderung): %1</numerusform>
            <numerusform>%n XMP-Begleitdateien konnten nicht geschrieben werden (der Katalog enthält die Änderung): %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Could not read the attribute vocabulary: %1</source>
        <translation>Das Attribut-Vokabular konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Could not count the facets: %1</source>
        <translation>Die Facetten konnten nicht gezählt werden: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not read the saved searches: %1</source>
        <translation>Die gespeicherten Suchen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Type a search or choose facet values first: there is nothing to save.</source>
        <translation>Geben Sie zuerst eine Suche ein oder wählen Sie Facettenwerte: Es gibt nichts zu speichern.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save Search</source>
        <translation>Suche speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name for the search &quot;%1&quot;:</source>
        <translation>Name für die Suche „%1“:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save Search &quot;%1&quot;</source>
        <translation>Suche „%1“ speichern</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>&amp;Rename…</source>
        <translation>&amp;Umbenennen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename Saved Search</source>
        <translation>Gespeicherte Suche umbenennen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The saved search was renamed to &quot;%1&quot; by someone else.</source>
        <translation>Die gespeicherte Suche wurde von jemand anderem in „%1“ umbenannt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rename Saved Search &quot;%1&quot;</source>
        <translation>Gespeicherte Suche „%1“ umbenennen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace with the &amp;Current Search</source>
        <translation>Durch die &amp;aktuelle Suche ersetzen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Change Saved Search &quot;%1&quot;</source>
        <translation>Gespeicherte Suche „%1“ ändern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete Saved Search &quot;%1&quot;</source>
        <translation>Gespeicherte Suche „%1“ löschen</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>⚠ %n sidecar(s) not yet written</source>
        <translation>
            <numerusform>⚠ %n Sidecar-Datei noch nicht geschrieben</numerusform>
            <numerusform>⚠ %n Sidecar-Dateien noch nicht geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sidecars Not Yet Written</source>
        <translation>Noch nicht geschriebene Sidecar-Dateien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The catalog has these edits, but their XMP sidecars could not be written, so other programs do not see them yet. Fix the cause (a read-only folder, a full disk) and retry.</source>
        <translation>Der Katalog enthält diese Änderungen, aber ihre XMP-Sidecar-Dateien konnten nicht geschrieben werden, daher sehen andere Programme sie noch nicht. Beheben Sie die Ursache (ein schreibgeschützter Ordner, ein voller Datenträger) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>&lt;h1&gt;Welcome to Stills&lt;/h1&gt;&lt;p&gt;Your catalog is empty. Import a folder of images to start: Stills reads them where they are, and never changes them.&lt;/p&gt;&lt;p style=&apos;color:gray&apos;&gt;Catalog: %1&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Willkommen bei Stills&lt;/h1&gt;&lt;p&gt;Ihr Katalog ist leer. Importieren Sie zum Start einen Ordner mit Bildern: Stills liest sie dort, wo sie liegen, und verändert sie nie.&lt;/p&gt;&lt;p style=&apos;color:gray&apos;&gt;Katalog: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stills — %1</source>
        <translation>Stills — %1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Choose a shot to crop first.</source>
        <translation>Wählen Sie zuerst eine Aufnahme zum Zuschneiden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 cannot be read, so it cannot be cropped.</source>
        <translation>%1 kann nicht gelesen und daher nicht zugeschnitten werden.</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>%n shot(s)</source>
        <translation>
            <numerusform>%n Aufnahme</numerusform>
            <numerusform>%n Aufnahmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> · %n selected</source>
        <translation>
            <numerusform> · %n ausgewählt</numerusform>
            <numerusform> · %n ausgewählt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source> · loading %n thumbnail(s)…</source>
        <translation>
            <numerusform> · lade %n Vorschaubild …</numerusform>
            <numerusform> · lade %n Vorschaubilder …</numerusform>
        </translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Could not read the attributes of the selection: %1</source>
        <translation>Die Attribute der Auswahl konnten nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>Set %1 (%n shot(s))</source>
        <translation>
            <numerusform>%1 festlegen (%n Aufnahme)</numerusform>
            <numerusform>%1 festlegen (%n Aufnahmen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose a photoset to edit (the library itself has no fields).</source>
        <translation>Wählen Sie eine Fotoserie zum Bearbeiten (die Bibliothek selbst hat keine Felder).</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+20"/>
        <location line="+5"/>
        <source>Edit Photoset</source>
        <translation>Fotoserie bearbeiten</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The photoset &quot;%1&quot; was changed by someone else since; nothing was overwritten.</source>
        <translation>Die Fotoserie „%1“ wurde inzwischen von jemand anderem geändert; nichts wurde überschrieben.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Edit Photoset &quot;%1&quot;</source>
        <translation>Fotoserie „%1“ bearbeiten</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Import a Folder</source>
        <translation>Einen Ordner importieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Jobs Running</source>
        <translation>Aufträge laufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Background jobs are running on this catalog. Wait for them to finish, or cancel them in the Jobs panel (View ▸ Jobs), first.</source>
        <translation>Auf diesem Katalog laufen Hintergrundaufträge. Warten Sie zuerst, bis sie fertig sind, oder brechen Sie sie im Auftragsbereich (Ansicht ▸ Aufträge) ab.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Thumbnails cannot be made: %1</source>
        <translation>Die Vorschaubilder können nicht erstellt werden: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Making the thumbnails of the whole catalog in the background…</source>
        <translation>Die Vorschaubilder des ganzen Katalogs werden im Hintergrund erstellt …</translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>%n job(s) were interrupted (the window was closed or the program stopped); resume them in the Jobs panel.</source>
        <translation>
            <numerusform>%n Auftrag wurde unterbrochen (das Fenster wurde geschlossen oder das Programm beendet); setzen Sie ihn im Auftragsbereich fort.</numerusform>
            <numerusform>%n Aufträge wurden unterbrochen (das Fenster wurde geschlossen oder das Programm beendet); setzen Sie sie im Auftragsbereich fort.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n Auftrag läuft</numerusform>
            <numerusform>%n Aufträge laufen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The failures are listed in the Jobs panel.</source>
        <translation>Die Fehler sind im Auftragsbereich aufgeführt.</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>Cannot Open Catalog</source>
        <translation>Katalog kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The catalog could not be opened; the current one stays open.

%1</source>
        <translation>Der Katalog konnte nicht geöffnet werden; der aktuelle bleibt geöffnet.

%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open or Create a Catalog</source>
        <translation>Katalog öffnen oder anlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stills catalogs (*.db);;All files (*)</source>
        <translation>Stills-Kataloge (*.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connect to Catalog</source>
        <translation>Mit Katalog verbinden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catalog URL (postgresql://user@host:5432/database or sqlite:///path/catalog.db):</source>
        <translation>Katalog-URL (postgresql://benutzer@host:5432/datenbank oder sqlite:///pfad/catalog.db):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The import cannot start: %1</source>
        <translation>Der Import kann nicht beginnen: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import of %1 queued after the one running.</source>
        <translation>Import von %1 wartet auf den laufenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Importing %1…</source>
        <translation>Importiere %1 …</translation>
    </message>
</context>
<context>
    <name>stills::MetadataImporter</name>
    <message>
        <location filename="../core/importing/metadataimporter.cpp" line="+31"/>
        <location line="+4"/>
        <source>&quot;%1&quot; must be a list of texts</source>
        <translation>„%1“ muss eine Liste von Texten sein</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>not valid JSON at character %1: %2</source>
        <translation>kein gültiges JSON bei Zeichen %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the file must hold one JSON object</source>
        <translation>die Datei muss genau ein JSON-Objekt enthalten</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+14"/>
        <source>&quot;%1&quot; must be a text</source>
        <translation>„%1“ muss ein Text sein</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>&quot;date&quot; must be a date like 2024-01-15</source>
        <translation>„date“ muss ein Datum wie 2024-01-15 sein</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;year&quot; must be a year like 2024</source>
        <translation>„year“ muss eine Jahreszahl wie 2024 sein</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>There is no file or folder %1.</source>
        <translation>Es gibt keine Datei und keinen Ordner %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The catalog is open read-only.</source>
        <translation>Der Katalog ist schreibgeschützt geöffnet.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>cannot be read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>larger than 16 MB; not a metadata file</source>
        <translation>größer als 16 MB; keine Metadatendatei</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>no photoset is named %1</source>
        <translation>keine Fotoserie heißt %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <location line="+45"/>
        <source>would be applied</source>
        <translation>würde angewendet</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>nothing was applied: %1</source>
        <translation>nichts wurde angewendet: %1</translation>
    </message>
</context>
<context>
    <name>stills::OpenAiCaptionGenerator</name>
    <message>
        <location filename="../core/captioning/openaicaptiongenerator.cpp" line="+68"/>
        <source>Captioning was cancelled.</source>
        <translation>Das Erstellen der Bildunterschriften wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The caption server address &quot;%1&quot; is not an http:// or https:// URL.</source>
        <translation>Die Adresse des Bildunterschriften-Servers „%1“ ist keine http://- oder https://-URL.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The shot has no image file to caption.</source>
        <translation>Die Aufnahme hat keine Bilddatei, zu der eine Bildunterschrift erstellt werden könnte.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The caption server reported an error: %1</source>
        <translation>Der Bildunterschriften-Server meldete einen Fehler: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The caption server sent a part of its answer that is not valid JSON (%1): %2</source>
        <translation>Der Bildunterschriften-Server schickte einen Teil seiner Antwort, der kein gültiges JSON ist (%1): %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+98"/>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>The caption server sent something that is not a chat completion: %1</source>
        <translation>Der Bildunterschriften-Server schickte etwas, das keine Chat-Completion ist: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The caption server&apos;s answer is larger than 8 MB; that is not a caption.</source>
        <translation>Die Antwort des Bildunterschriften-Servers ist größer als 8 MB; das ist keine Bildunterschrift.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The caption server sent a line of more than 16 MB; that is not an event stream.</source>
        <translation>Der Bildunterschriften-Server schickte eine Zeile von mehr als 16 MB; das ist kein Ereignisstrom.</translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>The caption server at %1 sent nothing for %n second(s); it may be stuck or overloaded.</source>
        <translation>
            <numerusform>Der Bildunterschriften-Server unter %1 hat %n Sekunde lang nichts geschickt; er hängt vielleicht oder ist überlastet.</numerusform>
            <numerusform>Der Bildunterschriften-Server unter %1 hat %n Sekunden lang nichts geschickt; er hängt vielleicht oder ist überlastet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The caption server answered HTTP %1.</source>
        <translation>Der Bildunterschriften-Server antwortete mit HTTP %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The caption server answered HTTP %1: %2</source>
        <translation>Der Bildunterschriften-Server antwortete mit HTTP %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The connection to the caption server broke before the caption was complete: %1</source>
        <translation>Die Verbindung zum Bildunterschriften-Server brach ab, bevor die Bildunterschrift vollständig war: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The caption server at %1 could not be reached: %2</source>
        <translation>Der Bildunterschriften-Server unter %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The caption server&apos;s answer is not valid JSON (%1): %2</source>
        <translation>Die Antwort des Bildunterschriften-Servers ist kein gültiges JSON (%1): %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The caption server&apos;s answer is not a chat completion: %1</source>
        <translation>Die Antwort des Bildunterschriften-Servers ist keine Chat-Completion: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The caption server ended its answer before the caption was complete.</source>
        <translation>Der Bildunterschriften-Server beendete seine Antwort, bevor die Bildunterschrift vollständig war.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+9"/>
        <source>The model refused to caption this shot: %1</source>
        <translation>Das Modell hat die Bildunterschrift für diese Aufnahme verweigert: %1</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>The server&apos;s content filter stopped the caption.</source>
        <translation>Der Inhaltsfilter des Servers hat die Bildunterschrift angehalten.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The model reached its limit of %n token(s) before writing a caption.</source>
        <translation>
            <numerusform>Das Modell erreichte seine Grenze von %n Token, bevor es eine Bildunterschrift schrieb.</numerusform>
            <numerusform>Das Modell erreichte seine Grenze von %n Token, bevor es eine Bildunterschrift schrieb.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model answered with an empty caption.</source>
        <translation>Das Modell antwortete mit einer leeren Bildunterschrift.</translation>
    </message>
</context>
<context>
    <name>stills::PhotosetEditDialog</name>
    <message>
        <location filename="../ui/photoseteditdialog.cpp" line="+58"/>
        <source>New Photoset</source>
        <translation>Neue Fotoserie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit Photoset</source>
        <translation>Fotoserie bearbeiten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Required</source>
        <translation>Erforderlich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Film or shoot title</source>
        <translation>Film- oder Shooting-Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+138"/>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Year:</source>
        <translation>&amp;Jahr:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source &amp;URL:</source>
        <translation>Quell-&amp;URL:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None</source>
        <translation>Keines</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Genre:</source>
        <translation>&amp;Genre:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Names, separated by commas</source>
        <translation>Namen, durch Kommas getrennt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;People:</source>
        <translation>&amp;Personen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags, separated by commas</source>
        <translation>Schlagwörter, durch Kommas getrennt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ta&amp;gs:</source>
        <translation>Schlag&amp;wörter:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>D&amp;escription:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Create</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>A photoset needs a name.</source>
        <translation>Eine Fotoserie braucht einen Namen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The year must be between %1 and %2, or empty when unknown.</source>
        <translation>Das Jahr muss zwischen %1 und %2 liegen oder leer sein, wenn es unbekannt ist.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The date must be a real day written as YYYY-MM-DD, like 1962-04-27.</source>
        <translation>Das Datum muss ein tatsächlicher Tag im Format JJJJ-MM-TT sein, etwa 1962-04-27.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The date is in %1 but the year says %2.</source>
        <translation>Das Datum liegt in %1, aber das Jahr lautet %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The source URL must be a web address starting with http:// or https://, like https://example.com/film.</source>
        <translation>Die Quell-URL muss eine Webadresse sein, die mit http:// oder https:// beginnt, etwa https://example.com/film.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source URL</source>
        <translation>Quell-URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Genre</source>
        <translation>Genre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the photoset “%1”</source>
        <translation>die Fotoserie „%1“</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The photoset was left as the other person saved it.</source>
        <translation>Die Fotoserie wurde so belassen, wie die andere Person sie gespeichert hat.</translation>
    </message>
</context>
<context>
    <name>stills::PhotosetListModel</name>
    <message>
        <location filename="../core/models/photosetlistmodel.cpp" line="+35"/>
        <source>Could not count the shots of the library: %1</source>
        <translation>Die Aufnahmen der Bibliothek konnten nicht gezählt werden: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not read the photosets: %1</source>
        <translation>Die Fotoserien konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
</context>
<context>
    <name>stills::PreferencesDialog</name>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="+56"/>
        <location line="+282"/>
        <location line="+6"/>
        <location line="+5"/>
        <location line="+6"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="-297"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thumbnails</source>
        <translation>Vorschaubilder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Captions</source>
        <translation>Bildunterschriften</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>System language (%1)</source>
        <translation>Systemsprache (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new language takes effect when Stills is started again.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von Stills.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write ratings, flags, labels and tags to XMP &amp;sidecars</source>
        <translation>Bewertungen, Markierungen, Farben und Schlagwörter in XMP-&amp;Begleitdateien schreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photo.jpg.xmp next to each image, read by digiKam, Lightroom, darktable and exiftool</source>
        <translation>photo.jpg.xmp neben jedem Bild, gelesen von digiKam, Lightroom, darktable und exiftool</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Automatic (%n)</source>
        <translation>
            <numerusform>Automatisch (%n)</numerusform>
            <numerusform>Automatisch (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Background &amp;workers:</source>
        <translation>&amp;Hintergrund-Threads:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threads that make thumbnails. Fewer leave more of the computer to other work.</source>
        <translation>Threads, die Vorschaubilder erzeugen. Weniger lassen dem Rechner mehr Raum für andere Arbeit.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The default catalog in your data folder</source>
        <translation>Der Standardkatalog in Ihrem Datenordner</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+29"/>
        <location line="+81"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>Catalog File</source>
        <translation>Katalogdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stills catalogs (*.db);;All files (*)</source>
        <translation>Stills-Kataloge (*.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Catalog:</source>
        <translation>&amp;Katalog:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A SQLite file (a path or sqlite:///path/catalog.db), or a PostgreSQL server for a team: postgresql://user:password@host:5432/database. The database must exist; Stills creates its tables.</source>
        <translation>Eine SQLite-Datei (ein Pfad oder sqlite:///pfad/catalog.db) oder ein PostgreSQL-Server für ein Team: postgresql://benutzer:passwort@host:5432/datenbank. Die Datenbank muss existieren; Stills legt seine Tabellen selbst an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Thumbnail Cache Folder</source>
        <translation>Ordner für Vorschaubilder</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cache &amp;folder:</source>
        <translation>Cache-&amp;Ordner:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new folder takes effect when Stills is started again.</source>
        <translation>Ein neuer Ordner gilt ab dem nächsten Start von Stills.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size &amp;limit:</source>
        <translation>&amp;Größengrenze:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C&amp;lear Cache</source>
        <translation>Cache &amp;leeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every thumbnail on disk; they are made again when needed</source>
        <translation>Alle Vorschaubilder auf dem Datenträger löschen; sie werden bei Bedarf neu erzeugt</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>OpenAI-compatible server</source>
        <translation>OpenAI-kompatibler Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caption &amp;generator:</source>
        <translation>&amp;Generator für Bildunterschriften:</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>TorchScript Model</source>
        <translation>TorchScript-Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TorchScript models (*.pt *.pth *.ts);;All files (*)</source>
        <translation>TorchScript-Modelle (*.pt *.pth *.ts);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Model file:</source>
        <translation>&amp;Modelldatei:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Input size:</source>
        <translation>&amp;Eingabegröße:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Normalisation mean:</source>
        <translation>Normalisierung Mittelwert:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normalisation std:</source>
        <translation>Normalisierung Standardabweichung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model runs in the separate stills-infer worker (package stills-infer).</source>
        <translation>Das Modell läuft im separaten Prozess stills-infer (Paket stills-infer).</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Built-in (no model)</source>
        <translation>Eingebaut (kein Modell)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TorchScript model</source>
        <translation>TorchScript-Modell</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Composes a caption from what the pixels show (light, contrast, colours, shape) and what the catalog knows (attributes, tags, lens, photoset). No model, no network; the same shot always gets the same caption.</source>
        <translation>Setzt eine Bildunterschrift aus dem zusammen, was die Pixel zeigen (Licht, Kontrast, Farben, Form), und dem, was der Katalog weiß (Attribute, Schlagwörter, Objektiv, Fotoserie). Kein Modell, kein Netzwerk; dieselbe Aufnahme erhält immer dieselbe Bildunterschrift.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>M&amp;odel:</source>
        <translation>M&amp;odell:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept in %1, readable by you only; never in the catalog.</source>
        <translation>Gespeichert in %1, nur für Sie lesbar; nie im Katalog.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Prompt:</source>
        <translation>&amp;Prompt:</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>The catalog location is not valid.

%1</source>
        <translation>Der Katalogort ist ungültig.

%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The normalisation std must be greater than zero.</source>
        <translation>Die Standardabweichung der Normalisierung muss größer als null sein.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The other preferences were saved, but not the API key.

%1</source>
        <translation>Die übrigen Einstellungen wurden gespeichert, der API-Schlüssel aber nicht.

%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The default catalog in your data folder is used.</source>
        <translation>Der Standardkatalog in Ihrem Datenordner wird verwendet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a catalog location: %1</source>
        <translation>Kein gültiger Katalogort: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connected: a Stills catalog (schema %1) at %2.</source>
        <translation>Verbunden: ein Stills-Katalog (Schema %1) unter %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no catalog file there yet; Stills will create it.</source>
        <translation>Dort gibt es noch keine Katalogdatei; Stills legt sie an.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected. The database holds no catalog yet; Stills will create its tables when it opens it.</source>
        <translation>Verbunden. Die Datenbank enthält noch keinen Katalog; Stills legt seine Tabellen beim Öffnen an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection failed: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Counting thumbnails…</source>
        <translation>Zähle Vorschaubilder …</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n thumbnail(s), %1 on disk</source>
        <translation>
            <numerusform>%n Vorschaubild, %1 auf dem Datenträger</numerusform>
            <numerusform>%n Vorschaubilder, %1 auf dem Datenträger</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Removed %n thumbnail(s) (%1).</source>
        <translation>
            <numerusform>%n Vorschaubild gelöscht (%1).</numerusform>
            <numerusform>%n Vorschaubilder gelöscht (%1).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::PreviewWidget</name>
    <message>
        <location filename="../ui/previewwidget.cpp" line="+82"/>
        <source>%1 cannot be shown: %2</source>
        <translation>%1 kann nicht angezeigt werden: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — loading…</source>
        <translation> — wird geladen …</translation>
    </message>
</context>
<context>
    <name>stills::SearchBar</name>
    <message>
        <location filename="../ui/searchbar.cpp" line="+30"/>
        <source>Search titles, captions, tags, files…  tag:  rating&gt;=3  flag:pick  &quot;a phrase&quot;  -exclude</source>
        <translation>Titel, Bildunterschriften, Schlagwörter, Dateien suchen …  tag:  rating&gt;=3  flag:pick  &quot;eine Wortgruppe&quot;  -ausschließen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;Words must all be found in a shot&apos;s title, description, caption, tags, photosets or file name.&lt;/p&gt;&lt;p&gt;&lt;b&gt;&quot;low key&quot;&lt;/b&gt; a phrase · &lt;b&gt;-word&lt;/b&gt; excludes · &lt;b&gt;tag:Lighting&lt;/b&gt; a tag and its children · &lt;b&gt;rating&amp;gt;=3&lt;/b&gt; · &lt;b&gt;flag:pick&lt;/b&gt;|reject|none · &lt;b&gt;label:red&lt;/b&gt; · &lt;b&gt;photoset:NAME&lt;/b&gt; · &lt;b&gt;time_of_day:night&lt;/b&gt; any attribute · &lt;b&gt;-lighting:&quot;low key&quot;&lt;/b&gt; excludes a value&lt;/p&gt;&lt;p&gt;Ctrl+F comes here; Escape goes back to the grid.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Alle Wörter müssen im Titel, in der Beschreibung, der Bildunterschrift, den Schlagwörtern, Fotoserien oder im Dateinamen einer Aufnahme vorkommen.&lt;/p&gt;&lt;p&gt;&lt;b&gt;&quot;low key&quot;&lt;/b&gt; eine Wortgruppe · &lt;b&gt;-wort&lt;/b&gt; schließt aus · &lt;b&gt;tag:Lighting&lt;/b&gt; ein Schlagwort und seine Unterschlagwörter · &lt;b&gt;rating&amp;gt;=3&lt;/b&gt; · &lt;b&gt;flag:pick&lt;/b&gt;|reject|none · &lt;b&gt;label:red&lt;/b&gt; · &lt;b&gt;photoset:NAME&lt;/b&gt; · &lt;b&gt;time_of_day:night&lt;/b&gt; beliebiges Attribut · &lt;b&gt;-lighting:&quot;low key&quot;&lt;/b&gt; schließt einen Wert aus&lt;/p&gt;&lt;p&gt;Strg+F springt hierher; Escape führt zurück zum Raster.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the search and every facet choice</source>
        <translation>Die Suche und alle Facettenauswahlen zurücksetzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save Search…</source>
        <translation>Suche speichern …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep this search in the left pane as a smart photoset</source>
        <translation>Diese Suche im linken Bereich als intelligente Fotoserie behalten</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>%1: %2  ✕</source>
        <translation>%1: %2  ✕</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this filter</source>
        <translation>Diesen Filter entfernen</translation>
    </message>
</context>
<context>
    <name>stills::ShotDelegate</name>
    <message>
        <location filename="../ui/shotdelegate.cpp" line="+48"/>
        <source>Unsupported</source>
        <translation>Nicht unterstützt</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+6"/>
        <source>Cannot read</source>
        <translation>Nicht lesbar</translation>
    </message>
</context>
<context>
    <name>stills::TagEditDialog</name>
    <message>
        <location filename="../ui/tageditdialog.cpp" line="+25"/>
        <source>Add Tags</source>
        <translation>Schlagwörter hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove Tags</source>
        <translation>Schlagwörter entfernen</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Add tags to %n shot(s):</source>
        <translation>
            <numerusform>Schlagwörter zu %n Aufnahme hinzufügen:</numerusform>
            <numerusform>Schlagwörter zu %n Aufnahmen hinzufügen:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Remove tags from %n shot(s):</source>
        <translation>
            <numerusform>Schlagwörter von %n Aufnahme entfernen:</numerusform>
            <numerusform>Schlagwörter von %n Aufnahmen entfernen:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lighting/Low key, Places/Paris</source>
        <translation>Lighting/Low key, Places/Paris</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Separate tags with commas; use / for levels.</source>
        <translation>Schlagwörter durch Kommas trennen; / für Ebenen verwenden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Type at least one tag.</source>
        <translation>Geben Sie mindestens ein Schlagwort ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The tag &quot;%1&quot; needs at least one letter or digit.</source>
        <translation>Das Schlagwort „%1“ braucht mindestens einen Buchstaben oder eine Ziffer.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>None of these shots carries the tag &quot;%1&quot;.</source>
        <translation>Keine dieser Aufnahmen hat das Schlagwort „%1“.</translation>
    </message>
</context>
<context>
    <name>stills::TagManagerDialog</name>
    <message>
        <location filename="../ui/tagmanagerdialog.cpp" line="+145"/>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Merge Into…</source>
        <translation>&amp;Zusammenführen mit …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mo&amp;ve To…</source>
        <translation>&amp;Verschieben nach …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Manage Tags</source>
        <translation>Schlagwörter verwalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete Tag</source>
        <translation>Schlagwort löschen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tag:</source>
        <translation>Schlagwort:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter tags</source>
        <translation>Schlagwörter filtern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tag</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shots</source>
        <translation>Aufnahmen</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Could not read the tags: %1</source>
        <translation>Die Schlagwörter konnten nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+73"/>
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n Schlagwort</numerusform>
            <numerusform>%n Schlagwörter</numerusform>
        </translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Tags cannot be edited here: there is no undo history to record the change in.</source>
        <translation>Schlagwörter können hier nicht bearbeitet werden: Es gibt keinen Rückgängig-Verlauf, der die Änderung aufnehmen könnte.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>A tag name cannot contain &apos;/&apos;; use Move To… to change its level.</source>
        <translation>Ein Schlagwortname darf kein „/“ enthalten; verwenden Sie „Verschieben nach …“, um seine Ebene zu ändern.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A tag name needs at least one letter or digit.</source>
        <translation>Ein Schlagwortname braucht mindestens einen Buchstaben oder eine Ziffer.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+42"/>
        <source>There is already a tag &quot;%1&quot;. To put both together, use Merge Into…</source>
        <translation>Es gibt bereits ein Schlagwort „%1“. Um beide zusammenzulegen, verwenden Sie „Zusammenführen mit …“</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>A tag cannot be merged into itself.</source>
        <translation>Ein Schlagwort kann nicht mit sich selbst zusammengeführt werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; cannot be merged into &quot;%2&quot;, which is inside it.</source>
        <translation>„%1“ kann nicht mit „%2“ zusammengeführt werden, da dieses darin enthalten ist.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&quot;%1&quot; cannot be moved into &quot;%2&quot;, which is inside it.</source>
        <translation>„%1“ kann nicht nach „%2“ verschoben werden, da dieses darin enthalten ist.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Could not count the shots carrying &quot;%1&quot;: %2</source>
        <translation>Die Aufnahmen mit „%1“ konnten nicht gezählt werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No shot carries &quot;%1&quot; or its sub-tags.</source>
        <translation>Keine Aufnahme hat „%1“ oder eines seiner Unterschlagwörter.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n shot(s) carry &quot;%1&quot; or one of its sub-tags.</source>
        <translation>
            <numerusform>%n Aufnahme hat „%1“ oder eines seiner Unterschlagwörter.</numerusform>
            <numerusform>%n Aufnahmen haben „%1“ oder eines seiner Unterschlagwörter.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n photoset(s) too.</source>
        <translation>
            <numerusform>Außerdem %n Fotoserie.</numerusform>
            <numerusform>Außerdem %n Fotoserien.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the tag and its sub-tags? Edit ▸ Undo brings them back.</source>
        <translation>Das Schlagwort und seine Unterschlagwörter löschen? Bearbeiten ▸ Rückgängig stellt sie wieder her.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Merge “%1” Into</source>
        <translation>„%1“ zusammenführen mit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(top level)</source>
        <translation>(oberste Ebene)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move “%1” To</source>
        <translation>„%1“ verschieben nach</translation>
    </message>
</context>
<context>
    <name>stills::TorchScriptCaptionGenerator</name>
    <message>
        <location filename="../core/captioning/torchscriptcaptiongenerator.cpp" line="+68"/>
        <source>Captioning was cancelled.</source>
        <translation>Das Erstellen der Bildunterschriften wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The shot has no image file to caption.</source>
        <translation>Die Aufnahme hat keine Bilddatei, zu der eine Bildunterschrift erstellt werden könnte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model is still running for another captioning run; wait for it to finish.</source>
        <translation>Das Modell läuft noch für einen anderen Bildunterschriften-Lauf; warten Sie, bis er fertig ist.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The model answered neither a caption nor any tag for this image.</source>
        <translation>Das Modell hat für dieses Bild weder eine Bildunterschrift noch ein Schlagwort geliefert.</translation>
    </message>
</context>
<context>
    <name>stills::ZipWriter</name>
    <message>
        <location filename="../core/exporting/zipwriter.cpp" line="+50"/>
        <source>%1 exists already; choose another name (nothing is overwritten).</source>
        <translation>%1 existiert bereits; wählen Sie einen anderen Namen (nichts wird überschrieben).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Out of memory starting %1.</source>
        <translation>Nicht genug Arbeitsspeicher beim Anlegen von %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>cannot start the ZIP</source>
        <translation>das ZIP kann nicht begonnen werden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+5"/>
        <source>cannot add %1</source>
        <translation>%1 kann nicht hinzugefügt werden</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+22"/>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 could not be read to the end: %2</source>
        <translation>%1 konnte nicht bis zum Ende gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>cannot finish the ZIP</source>
        <translation>das ZIP kann nicht abgeschlossen werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 appeared while the export ran; it is left as it was.</source>
        <translation>%1 ist während des Exports entstanden; es bleibt unverändert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cannot be saved: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
</context>
</TS>
