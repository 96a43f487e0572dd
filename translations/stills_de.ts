<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Catalog</name>
    <message>
        <location filename="../core/catalog/catalog.cpp" line="+177"/>
        <source>Upgrading the catalog to schema %1 (%2)…</source>
        <translation>Katalog wird auf Schema %1 (%2) aktualisiert …</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/catalog/shapeattributes.cpp" line="+224"/>
        <source>Setting the aspect ratio and orientation of %n shot(s)…</source>
        <translation>
            <numerusform>Seitenverhältnis und Ausrichtung von %n Aufnahme werden festgelegt …</numerusform>
            <numerusform>Seitenverhältnis und Ausrichtung von %n Aufnahmen werden festgelegt …</numerusform>
        </translation>
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
    <name>QObject</name>
    <message>
        <location filename="../app/main.cpp" line="+78"/>
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
        <location filename="../core/common/settings.cpp" line="+117"/>
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
</context>
<context>
    <name>TagEdits</name>
    <message>
        <location filename="../core/curating/tagedits.cpp" line="+141"/>
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
        <location filename="../core/exporting/exporter.cpp" line="+182"/>
        <source>cannot be encoded as %1: %2</source>
        <translation>kann nicht als %1 kodiert werden: %2</translation>
    </message>
    <message>
        <location filename="../core/importing/archiveimporter.cpp" line="+42"/>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <location line="+53"/>
        <location line="+5"/>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../core/importing/metadataimporter.cpp" line="+30"/>
        <location line="+4"/>
        <source>&quot;%1&quot; must be a list of texts</source>
        <translation>„%1“ muss eine Liste von Texten sein</translation>
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
        <location filename="../ui/archiveimportdialog.cpp" line="+22"/>
        <source>Import Archives</source>
        <translation>Archive importieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a .zip, .rar or .7z file, or a folder of them</source>
        <translation>eine .zip-, .rar- oder .7z-Datei oder ein Ordner mit solchen Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive…</source>
        <translation>Archiv …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder…</source>
        <translation>Ordner …</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+2"/>
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
        <location line="+4"/>
        <source>%v of %m archives</source>
        <translation>%v von %m Archiven</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Choose an archive or a folder of archives.</source>
        <translation>Wählen Sie ein Archiv oder einen Ordner mit Archiven.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 — %2: %3</source>
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
        <location line="+7"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Done: %1 imported, %2 skipped, %3 partial, %4 refused, %5 failed%6.</source>
        <translation>Fertig: %1 importiert, %2 übersprungen, %3 teilweise, %4 abgelehnt, %5 fehlgeschlagen%6.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (cancelled; run it again to resume)</source>
        <translation> (abgebrochen; erneut ausführen, um fortzusetzen)</translation>
    </message>
</context>
<context>
    <name>stills::ArchiveImporter</name>
    <message>
        <location filename="../core/importing/archiveimporter.cpp" line="+62"/>
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
        <location line="+2"/>
        <source>The folder %1 cannot be created.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+90"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>the archive is damaged after %1 entries: %2</source>
        <translation>das Archiv ist nach %1 Einträgen beschädigt: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it holds more than %1 entries</source>
        <translation>es enthält mehr als %1 Einträge</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location line="+72"/>
        <source>an empty file</source>
        <translation>eine leere Datei</translation>
    </message>
    <message>
        <location line="-68"/>
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
        <location line="+20"/>
        <source>cannot be read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+23"/>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>the archive is damaged at %1</source>
        <translation>das Archiv ist bei %1 beschädigt</translation>
    </message>
    <message>
        <location line="+27"/>
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
    <message>
        <location line="+52"/>
        <source>The unfinished folder %1 cannot be removed.</source>
        <translation>Der unfertige Ordner %1 kann nicht entfernt werden.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 holds no images.</source>
        <translation>%1 enthält keine Bilder.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: nothing could be read (%2).</source>
        <translation>%1: nichts konnte gelesen werden (%2).</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>would import %n image(s)</source>
        <translation>
            <numerusform>würde %n Bild importieren</numerusform>
            <numerusform>würde %n Bilder importieren</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 cannot be renamed to %2.</source>
        <translation>%1 kann nicht in %2 umbenannt werden.</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
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
        <location filename="../core/imaging/croprenderer.cpp" line="+33"/>
        <source>Straightened by %1°, the crop &quot;%2&quot; leaves no pixels: move it away from the image&apos;s edge or straighten less.</source>
        <translation>Um %1° begradigt, bleibt vom Zuschnitt „%2“ kein Pixel übrig: Rücken Sie ihn vom Bildrand weg oder begradigen Sie weniger.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>There is no image to crop.</source>
        <translation>Es gibt kein Bild zum Zuschneiden.</translation>
    </message>
</context>
<context>
    <name>stills::ExportDialog</name>
    <message>
        <location filename="../ui/exportdialog.cpp" line="+26"/>
        <location line="+88"/>
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
        <location line="+65"/>
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
        <location line="+22"/>
        <source>Exporting to %1…</source>
        <translation>Exportiere nach %1 …</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Skipped %1: %2</source>
        <translation>%1 übersprungen: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported %1 images (%2 caption files) from %3 shots to %4; %5 skipped.</source>
        <translation>%1 Bilder (%2 Bildunterschrift-Dateien) aus %3 Aufnahmen nach %4 exportiert; %5 übersprungen.</translation>
    </message>
</context>
<context>
    <name>stills::ExportRecipe</name>
    <message>
        <location filename="../core/exporting/exportrecipe.cpp" line="+66"/>
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
</context>
<context>
    <name>stills::ExportRecipeStore</name>
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
    <name>stills::FolderSink</name>
    <message>
        <location filename="../core/exporting/exporter.cpp" line="-355"/>
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
    <name>stills::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+76"/>
        <source>Stills</source>
        <translation>Stills</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Importing %v of %m</source>
        <translation>Importiere %v von %m</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the import after the current batch; what is done is kept</source>
        <translation>Den Import nach dem laufenden Stapel anhalten; was fertig ist, bleibt erhalten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Some XMP sidecars could not be written; click to see them and retry</source>
        <translation>Einige XMP-Sidecar-Dateien konnten nicht geschrieben werden; klicken, um sie anzuzeigen und es erneut zu versuchen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancelling after the current batch…</source>
        <translation>Wird nach dem laufenden Stapel abgebrochen …</translation>
    </message>
    <message>
        <location line="+56"/>
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
        <location line="+39"/>
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
        <location line="+16"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+11"/>
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
        <location line="+2"/>
        <source>&amp;Crop…</source>
        <translation>&amp;Zuschneiden …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the crops of the current shot</source>
        <translation>Die Zuschnitte der aktuellen Aufnahme bearbeiten</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+17"/>
        <location line="+34"/>
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
        <location line="+275"/>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <location line="-261"/>
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
        <location line="+70"/>
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
        <location line="+18"/>
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
        <location line="+104"/>
        <source>&lt;h1&gt;Welcome to Stills&lt;/h1&gt;&lt;p&gt;Your catalog is empty. Import a folder of images to start: Stills reads them where they are, and never changes them.&lt;/p&gt;&lt;p style=&apos;color:gray&apos;&gt;Catalog: %1&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Willkommen bei Stills&lt;/h1&gt;&lt;p&gt;Ihr Katalog ist leer. Importieren Sie zum Start einen Ordner mit Bildern: Stills liest sie dort, wo sie liegen, und verändert sie nie.&lt;/p&gt;&lt;p style=&apos;color:gray&apos;&gt;Katalog: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stills — %1</source>
        <translation>Stills — %1</translation>
    </message>
    <message>
        <location line="+26"/>
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
        <location line="+72"/>
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
        <location line="+28"/>
        <source>Edit Photoset &quot;%1&quot;</source>
        <translation>Fotoserie „%1“ bearbeiten</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Import a Folder</source>
        <translation>Einen Ordner importieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import Running</source>
        <translation>Import läuft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wait for the import to finish, or cancel it, first.</source>
        <translation>Warten Sie zuerst, bis der Import fertig ist, oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+25"/>
        <source>Importing %1…</source>
        <translation>Importiere %1 …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import failed: %1</source>
        <translation>Import fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 “%2”: %3 added, %4 updated, %5 moved, %6 unchanged, %7 failed, %8 unsupported.</source>
        <translation>%1 „%2“: %3 hinzugefügt, %4 aktualisiert, %5 verschoben, %6 unverändert, %7 fehlgeschlagen, %8 nicht unterstützt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import cancelled, kept what was done in</source>
        <translation>Import abgebrochen, Erledigtes behalten in</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Imported into</source>
        <translation>Importiert in</translation>
    </message>
</context>
<context>
    <name>stills::MetadataImporter</name>
    <message>
        <location filename="../core/importing/metadataimporter.cpp" line="+32"/>
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
        <location filename="../core/models/photosetlistmodel.cpp" line="+41"/>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
</context>
<context>
    <name>stills::PreferencesDialog</name>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="+56"/>
        <location line="+264"/>
        <location line="+6"/>
        <location line="+5"/>
        <location line="+6"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="-279"/>
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
        <location line="+44"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location line="-71"/>
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
        <location line="+15"/>
        <source>Built-in model (TorchScript)</source>
        <translation>Eingebautes Modell (TorchScript)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI-compatible server</source>
        <translation>OpenAI-kompatibler Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caption &amp;generator:</source>
        <translation>&amp;Generator für Bildunterschriften:</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+3"/>
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
        <location line="+9"/>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+70"/>
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
    <name>stills::ZipWriter</name>
    <message>
        <location filename="../core/exporting/zipwriter.cpp" line="+49"/>
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
<context>
    <name>stills::commands</name>
    <message>
        <location filename="../ui/editcommands.cpp" line="+147"/>
        <source>New Photoset &quot;%1&quot;</source>
        <translation>Neue Fotoserie „%1“</translation>
    </message>
    <message>
        <location line="+41"/>
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
</context>
</TS>
