<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Catalog</name>
    <message numerus="yes">
        <location filename="../core/catalog/shapeattributes.cpp" line="+235"/>
        <source>Setting the aspect ratio and orientation of %n shot(s)…</source>
        <translation>
            <numerusform>Setting the aspect ratio and orientation of %n shot…</numerusform>
            <numerusform>Setting the aspect ratio and orientation of %n shots…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message numerus="yes">
        <location filename="../app/commandline.cpp" line="+408"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n added</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n added</numerusform>
            <numerusform>%n added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n updated</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n moved</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n moved</numerusform>
            <numerusform>%n moved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n unchanged</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n failed</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n unsupported</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n unsupported</numerusform>
            <numerusform>%n unsupported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+247"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n readable</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n readable</numerusform>
            <numerusform>%n readable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+912"/>
        <source>%n failed</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-911"/>
        <source>%n unsupported</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n unsupported</numerusform>
            <numerusform>%n unsupported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n checked</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n checked</numerusform>
            <numerusform>%n checked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n missing on disk</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n missing on disk</numerusform>
            <numerusform>%n missing on disk</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+79"/>
        <location line="+430"/>
        <location line="+164"/>
        <source>%n shot(s)</source>
        <translation>
            <numerusform>%n shot</numerusform>
            <numerusform>%n shots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-593"/>
        <location line="+403"/>
        <source>%n built</source>
        <comment>thumbnails</comment>
        <translation>
            <numerusform>%n built</numerusform>
            <numerusform>%n built</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-402"/>
        <location line="+403"/>
        <source>%n already there</source>
        <comment>thumbnails</comment>
        <translation>
            <numerusform>%n already there</numerusform>
            <numerusform>%n already there</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-402"/>
        <location line="+403"/>
        <source>%n failed</source>
        <comment>thumbnails</comment>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-182"/>
        <source>%n shot(s) matched</source>
        <translation>
            <numerusform>%n shot matched</numerusform>
            <numerusform>%n shots matched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n changed</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n changed</numerusform>
            <numerusform>%n changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n sidecar(s) written</source>
        <translation>
            <numerusform>%n sidecar written</numerusform>
            <numerusform>%n sidecars written</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n sidecar(s) NOT written (the catalog has the change)</source>
        <translation>
            <numerusform>%n sidecar NOT written (the catalog has the change)</numerusform>
            <numerusform>%n sidecars NOT written (the catalog has the change)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+105"/>
        <source>%n imported</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n imported</numerusform>
            <numerusform>%n imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n skipped (imported before)</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n skipped (imported before)</numerusform>
            <numerusform>%n skipped (imported before)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n partial</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n partial</numerusform>
            <numerusform>%n partial</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n refused</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n failed</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n applied</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n applied</numerusform>
            <numerusform>%n applied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n unchanged</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n unmatched</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n unmatched</numerusform>
            <numerusform>%n unmatched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n malformed</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n malformed</numerusform>
            <numerusform>%n malformed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+59"/>
        <source>%n missing file(s)</source>
        <translation>
            <numerusform>%n missing file</numerusform>
            <numerusform>%n missing files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+161"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n caption file(s)</source>
        <translation>
            <numerusform>%n caption file</numerusform>
            <numerusform>%n caption files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n skipped</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+230"/>
        <source>%1 of %n shot(s)</source>
        <extracomment>&quot;3 of 5 shots&quot;: %1 is the number captioned, %n the number in the job.</extracomment>
        <translation>
            <numerusform>%1 of %n shot</numerusform>
            <numerusform>%1 of %n shots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left alone (typed by hand)</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n left alone (typed by hand)</numerusform>
            <numerusform>%n left alone (typed by hand)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>, %n captioned by this job before</source>
        <comment>shots</comment>
        <translation>
            <numerusform>, %n captioned by this job before</numerusform>
            <numerusform>, %n captioned by this job before</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditCommands</name>
    <message numerus="yes">
        <location filename="../ui/editcommands.cpp" line="+48"/>
        <source>Tag &quot;%1&quot; (%n shot(s))</source>
        <translation>
            <numerusform>Tag &quot;%1&quot; (%n shot)</numerusform>
            <numerusform>Tag &quot;%1&quot; (%n shots)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Add %1 Tags (%n shot(s))</source>
        <translation>
            <numerusform>Add %1 Tags (%n shot)</numerusform>
            <numerusform>Add %1 Tags (%n shots)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Remove Tag &quot;%1&quot; (%n shot(s))</source>
        <translation>
            <numerusform>Remove Tag &quot;%1&quot; (%n shot)</numerusform>
            <numerusform>Remove Tag &quot;%1&quot; (%n shots)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Remove %1 Tags (%n shot(s))</source>
        <translation>
            <numerusform>Remove %1 Tags (%n shot)</numerusform>
            <numerusform>Remove %1 Tags (%n shots)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Change Tags (%n shot(s))</source>
        <translation>
            <numerusform>Change Tags (%n shot)</numerusform>
            <numerusform>Change Tags (%n shots)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+51"/>
        <source>Clear %1 (%n shot(s))</source>
        <translation>
            <numerusform>Clear %1 (%n shot)</numerusform>
            <numerusform>Clear %1 (%n shots)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Set %1 (%n shot(s))</source>
        <translation>
            <numerusform>Set %1 (%n shot)</numerusform>
            <numerusform>Set %1 (%n shots)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>New Photoset &quot;%1&quot; (%n shot(s))</source>
        <translation>
            <numerusform>New Photoset &quot;%1&quot; (%n shot)</numerusform>
            <numerusform>New Photoset &quot;%1&quot; (%n shots)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+121"/>
        <source>Add %n Shot(s) to &quot;%1&quot;</source>
        <translation>
            <numerusform>Add %n Shot to &quot;%1&quot;</numerusform>
            <numerusform>Add %n Shots to &quot;%1&quot;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>Remove %n Shot(s) from &quot;%1&quot;</source>
        <translation>
            <numerusform>Remove %n Shot from &quot;%1&quot;</numerusform>
            <numerusform>Remove %n Shots from &quot;%1&quot;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Reorder %n Shot(s)</source>
        <translation>
            <numerusform>Reorder %n Shot</numerusform>
            <numerusform>Reorder %n Shots</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message numerus="yes">
        <location filename="../core/jobs/jobkinds.cpp" line="+164"/>
        <source>Captioning cancelled: %n caption(s) stored</source>
        <translation>
            <numerusform>Captioning cancelled: %n caption stored</numerusform>
            <numerusform>Captioning cancelled: %n captions stored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Captioned %n shot(s)</source>
        <translation>
            <numerusform>Captioned %n shot</numerusform>
            <numerusform>Captioned %n shots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left alone (typed by hand)</source>
        <translation>
            <numerusform>%n left alone (typed by hand)</numerusform>
            <numerusform>%n left alone (typed by hand)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n captioned before</source>
        <translation>
            <numerusform>%n captioned before</numerusform>
            <numerusform>%n captioned before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../core/jobs/jobqueue.cpp" line="+359"/>
        <source>Regenerating unedited captions of %n shot(s) with %1</source>
        <extracomment>%1 the generator (&quot;the built-in captioner&quot;, a model at a server, a model file)</extracomment>
        <translation>
            <numerusform>Regenerating the unedited caption of %n shot with %1</numerusform>
            <numerusform>Regenerating unedited captions of %n shots with %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Captioning %n shot(s) with %1</source>
        <translation>
            <numerusform>Captioning %n shot with %1</numerusform>
            <numerusform>Captioning %n shots with %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Regenerating unedited captions of %n shot(s)</source>
        <translation>
            <numerusform>Regenerating the unedited caption of %n shot</numerusform>
            <numerusform>Regenerating unedited captions of %n shots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Captioning %n shot(s)</source>
        <translation>
            <numerusform>Captioning %n shot</numerusform>
            <numerusform>Captioning %n shots</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::ArchiveImporter</name>
    <message numerus="yes">
        <location filename="../core/importing/archiveimporter.cpp" line="+482"/>
        <source>the archive is cut off after %n entry(s): whatever followed is missing</source>
        <translation>
            <numerusform>the archive is cut off after %n entry: whatever followed is missing</numerusform>
            <numerusform>the archive is cut off after %n entries: whatever followed is missing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+140"/>
        <source>would import %n image(s) as the photoset &quot;%1&quot;</source>
        <translation>
            <numerusform>would import %n image as the photoset &quot;%1&quot;</numerusform>
            <numerusform>would import %n images as the photoset &quot;%1&quot;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 is damaged: would import %n image(s) as the photoset &quot;%2&quot;, the rest cannot be read (%3).</source>
        <translation>
            <numerusform>%1 is damaged: would import %n image as the photoset &quot;%2&quot;, the rest cannot be read (%3).</numerusform>
            <numerusform>%1 is damaged: would import %n images as the photoset &quot;%2&quot;, the rest cannot be read (%3).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>%1 is still damaged: %n image(s) could be read and are imported (%2 new), the rest cannot be read (%3).</source>
        <translation>
            <numerusform>%1 is still damaged: %n image could be read and is imported (%2 new), the rest cannot be read (%3).</numerusform>
            <numerusform>%1 is still damaged: %n images could be read and are imported (%2 new), the rest cannot be read (%3).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
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
    <name>stills::CaptionEditor</name>
    <message numerus="yes">
        <location filename="../ui/captioneditor.cpp" line="+188"/>
        <source>%n shots selected: select one shot to edit its caption. Shot ▸ Caption Selected and Find and Replace in Captions work on the whole selection.</source>
        <translation>
            <numerusform>%n shot selected: select one shot to edit its caption. Shot ▸ Caption Selected and Find and Replace in Captions work on the whole selection.</numerusform>
            <numerusform>%n shots selected: select one shot to edit its caption. Shot ▸ Caption Selected and Find and Replace in Captions work on the whole selection.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+126"/>
        <source>%n word(s)</source>
        <translation>
            <numerusform>%n word</numerusform>
            <numerusform>%n words</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::CaptionReplaceDialog</name>
    <message numerus="yes">
        <location filename="../ui/captionreplacedialog.cpp" line="+25"/>
        <source>In the current captions of the %n selected shot(s). Each caption that changes is stored as a new version typed by hand; the earlier one stays in its history.</source>
        <translation>
            <numerusform>In the current caption of the %n selected shot. If it changes, it is stored as a new version typed by hand; the earlier one stays in its history.</numerusform>
            <numerusform>In the current captions of the %n selected shots. Each caption that changes is stored as a new version typed by hand; the earlier one stays in its history.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::Captioner</name>
    <message numerus="yes">
        <location filename="../core/captioning/captioner.cpp" line="+306"/>
        <source>%n shot(s) could not be captioned.</source>
        <translation>
            <numerusform>%n shot could not be captioned.</numerusform>
            <numerusform>%n shots could not be captioned.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::ExportDialog</name>
    <message numerus="yes">
        <location filename="../ui/exportdialog.cpp" line="+32"/>
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
    <name>stills::JobsPanel</name>
    <message numerus="yes">
        <location filename="../ui/jobspanel.cpp" line="+275"/>
        <source>%n item(s) failed:</source>
        <translation>
            <numerusform>%n item failed:</numerusform>
            <numerusform>%n items failed:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::MainWindow</name>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="+773"/>
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
        <location line="+180"/>
        <source>Find and replace: %n caption(s) changed.</source>
        <translation>
            <numerusform>Find and replace: %n caption changed.</numerusform>
            <numerusform>Find and replace: %n captions changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-21"/>
        <source>Captioning %n shot(s) with %1…</source>
        <extracomment>%1 the generator (&quot;the built-in captioner&quot;, or a model at a server)</extracomment>
        <translation>
            <numerusform>Captioning %n shot with %1…</numerusform>
            <numerusform>Captioning %n shots with %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+63"/>
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
        <location line="+210"/>
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
        <location line="+111"/>
        <source>Set %1 (%n shot(s))</source>
        <translation>
            <numerusform>Set %1 (%n shot)</numerusform>
            <numerusform>Set %1 (%n shots)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+237"/>
        <source>%n job(s) were interrupted (the window was closed or the program stopped); resume them in the Jobs panel.</source>
        <translation>
            <numerusform>%n job was interrupted (the window was closed or the program stopped); resume it in the Jobs panel.</numerusform>
            <numerusform>%n jobs were interrupted (the window was closed or the program stopped); resume them in the Jobs panel.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n job running</numerusform>
            <numerusform>%n jobs running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::OpenAiCaptionGenerator</name>
    <message numerus="yes">
        <location filename="../core/captioning/openaicaptiongenerator.cpp" line="+366"/>
        <source>The caption server at %1 sent nothing for %n second(s); it may be stuck or overloaded.</source>
        <translation>
            <numerusform>The caption server at %1 sent nothing for %n second; it may be stuck or overloaded.</numerusform>
            <numerusform>The caption server at %1 sent nothing for %n seconds; it may be stuck or overloaded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>The model reached its limit of %n token(s) before writing a caption.</source>
        <translation>
            <numerusform>The model reached its limit of %n token before writing a caption.</numerusform>
            <numerusform>The model reached its limit of %n tokens before writing a caption.</numerusform>
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
        <location line="+291"/>
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
