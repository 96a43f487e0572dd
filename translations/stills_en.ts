<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Catalog</name>
    <message numerus="yes">
        <location filename="../core/catalog/shapeattributes.cpp" line="+224"/>
        <source>Setting the aspect ratio and orientation of %n shot(s)…</source>
        <translation>
            <numerusform>Setting the aspect ratio and orientation of %n shot…</numerusform>
            <numerusform>Setting the aspect ratio and orientation of %n shots…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::ArchiveImporter</name>
    <message numerus="yes">
        <location filename="../core/importing/archiveimporter.cpp" line="+510"/>
        <source>would import %n image(s)</source>
        <translation>
            <numerusform>would import %n image</numerusform>
            <numerusform>would import %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>%1 is damaged: %n image(s) imported, the rest could not be read (%2).</source>
        <translation>
            <numerusform>%1 is damaged: %n image imported, the rest could not be read (%2).</numerusform>
            <numerusform>%1 is damaged: %n images imported, the rest could not be read (%2).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n image(s) added</source>
        <translation>
            <numerusform>%n image added</numerusform>
            <numerusform>%n images added</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::ExportDialog</name>
    <message numerus="yes">
        <location filename="../ui/exportdialog.cpp" line="+30"/>
        <source>The %n selected shot(s)</source>
        <translation>
            <numerusform>The %n selected shot</numerusform>
            <numerusform>The %n selected shots</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::FacetPanel</name>
    <message numerus="yes">
        <location filename="../ui/facetpanel.cpp" line="+190"/>
        <source>%n shot(s) would match with this value</source>
        <translation>
            <numerusform>%n shot would match with this value</numerusform>
            <numerusform>%n shots would match with this value</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::InspectorPanel</name>
    <message numerus="yes">
        <location filename="../ui/inspectorpanel.cpp" line="+78"/>
        <source>%n shots selected</source>
        <translation>
            <numerusform>%n shot selected</numerusform>
            <numerusform>%n shots selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::MainWindow</name>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="+727"/>
        <source>Add %n selected shot(s) to the photoset (type a new name to create one):</source>
        <translation>
            <numerusform>Add %n selected shot to the photoset (type a new name to create one):</numerusform>
            <numerusform>Add %n selected shots to the photoset (type a new name to create one):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>Delete the photoset &quot;%1&quot;? Its %n shot(s) stay in the library; Undo brings the photoset back.</source>
        <translation>
            <numerusform>Delete the photoset &quot;%1&quot;? Its %n shot stays in the library; Undo brings the photoset back.</numerusform>
            <numerusform>Delete the photoset &quot;%1&quot;? Its %n shots stay in the library; Undo brings the photoset back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+106"/>
        <source>%n shot(s) were changed by someone else after this edit and were left as they are.</source>
        <translation>
            <numerusform>%n shot was changed by someone else after this edit and was left as it is.</numerusform>
            <numerusform>%n shots were changed by someone else after this edit and were left as they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n XMP sidecar(s) could not be written (the catalog has the change): %1</source>
        <translation>
            <numerusform>%n XMP sidecar could not be written (the catalog has the change): %1</numerusform>
            <numerusform>%n XMP sidecars could not be written (the catalog has the change): %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+205"/>
        <source>⚠ %n sidecar(s) not yet written</source>
        <translation>
            <numerusform>⚠ %n sidecar not yet written</numerusform>
            <numerusform>⚠ %n sidecars not yet written</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+187"/>
        <source>%n shot(s)</source>
        <translation>
            <numerusform>%n shot</numerusform>
            <numerusform>%n shots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> · %n selected</source>
        <translation>
            <numerusform> · %n selected</numerusform>
            <numerusform> · %n selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source> · loading %n thumbnail(s)…</source>
        <translation>
            <numerusform> · loading %n thumbnail…</numerusform>
            <numerusform> · loading %n thumbnails…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+108"/>
        <source>Set %1 (%n shot(s))</source>
        <translation>
            <numerusform>Set %1 (%n shot)</numerusform>
            <numerusform>Set %1 (%n shots)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::PreferencesDialog</name>
    <message numerus="yes">
        <location filename="../ui/preferencesdialog.cpp" line="+115"/>
        <source>Automatic (%n)</source>
        <translation>
            <numerusform>Automatic (%n)</numerusform>
            <numerusform>Automatic (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+273"/>
        <source>%n thumbnail(s), %1 on disk</source>
        <translation>
            <numerusform>%n thumbnail, %1 on disk</numerusform>
            <numerusform>%n thumbnails, %1 on disk</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Removed %n thumbnail(s) (%1).</source>
        <translation>
            <numerusform>Removed %n thumbnail (%1).</numerusform>
            <numerusform>Removed %n thumbnails (%1).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::TagEditDialog</name>
    <message numerus="yes">
        <location filename="../ui/tageditdialog.cpp" line="+27"/>
        <source>Add tags to %n shot(s):</source>
        <translation>
            <numerusform>Add tags to %n shot:</numerusform>
            <numerusform>Add tags to %n shots:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Remove tags from %n shot(s):</source>
        <translation>
            <numerusform>Remove tags from %n shot:</numerusform>
            <numerusform>Remove tags from %n shots:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::TagManagerDialog</name>
    <message numerus="yes">
        <location filename="../ui/tagmanagerdialog.cpp" line="+330"/>
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n tag</numerusform>
            <numerusform>%n tags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+206"/>
        <source>%n shot(s) carry &quot;%1&quot; or one of its sub-tags.</source>
        <translation>
            <numerusform>%n shot carries &quot;%1&quot; or one of its sub-tags.</numerusform>
            <numerusform>%n shots carry &quot;%1&quot; or one of its sub-tags.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n photoset(s) too.</source>
        <translation>
            <numerusform>%n photoset too.</numerusform>
            <numerusform>%n photosets too.</numerusform>
        </translation>
    </message>
</context>
</TS>
