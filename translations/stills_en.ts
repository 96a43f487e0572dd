<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
        <location filename="../ui/mainwindow.cpp" line="+363"/>
        <source>%n XMP sidecar(s) could not be written (the catalog has the change): %1</source>
        <translation>
            <numerusform>%n XMP sidecar could not be written (the catalog has the change): %1</numerusform>
            <numerusform>%n XMP sidecars could not be written (the catalog has the change): %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+105"/>
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
</TS>
