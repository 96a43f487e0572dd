<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/main.cpp" line="+64"/>
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
        <location filename="../ui/mainwindow.cpp" line="+48"/>
        <source>Stills</source>
        <translation>Stills</translation>
    </message>
    <message>
        <location line="+13"/>
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
        <location line="+9"/>
        <source>Cancelling after the current batch…</source>
        <translation>Wird nach dem laufenden Stapel abgebrochen …</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Import a Folder…</source>
        <translation>Einen Ordner importieren …</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Thumbnail size (Ctrl++ / Ctrl+-)</source>
        <translation>Vorschaugröße (Strg++ / Strg+-)</translation>
    </message>
    <message>
        <location line="+29"/>
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
        <location line="+16"/>
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
        <source>Some selected shots are still loading; nothing was changed. Try again in a moment.</source>
        <translation>Einige ausgewählte Aufnahmen werden noch geladen; nichts wurde geändert. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The edit failed: %1</source>
        <translation>Die Änderung ist fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n XMP sidecar(s) could not be written (the catalog has the change): %1</source>
        <translation>
            <numerusform>%n XMP-Begleitdatei konnte nicht geschrieben werden (der Katalog enthält die Änderung): %1</numerusform>
            <numerusform>%n XMP-Begleitdateien konnten nicht geschrieben werden (der Katalog enthält die Änderung): %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+68"/>
        <source>&lt;h1&gt;Welcome to Stills&lt;/h1&gt;&lt;p&gt;Your catalog is empty. Import a folder of images to start: Stills reads them where they are, and never changes them.&lt;/p&gt;&lt;p style=&apos;color:gray&apos;&gt;Catalog: %1&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Willkommen bei Stills&lt;/h1&gt;&lt;p&gt;Ihr Katalog ist leer. Importieren Sie zum Start einen Ordner mit Bildern: Stills liest sie dort, wo sie liegen, und verändert sie nie.&lt;/p&gt;&lt;p style=&apos;color:gray&apos;&gt;Katalog: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stills — %1</source>
        <translation>Stills — %1</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
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
        <location line="+80"/>
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
    <name>stills::ShotDelegate</name>
    <message>
        <location filename="../ui/shotdelegate.cpp" line="+46"/>
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
</TS>
