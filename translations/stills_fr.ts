<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Catalog</name>
    <message>
        <location filename="../core/catalog/catalog.cpp" line="+177"/>
        <source>Upgrading the catalog to schema %1 (%2)…</source>
        <translation>Mise à niveau du catalogue vers le schéma %1 (%2)…</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/catalog/shapeattributes.cpp" line="+224"/>
        <source>Setting the aspect ratio and orientation of %n shot(s)…</source>
        <translation>
            <numerusform>Définition du format et de l’orientation de %n cliché…</numerusform>
            <numerusform>Définition du format et de l’orientation de %n clichés…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CropCommands</name>
    <message>
        <location filename="../ui/cropcommands.cpp" line="+54"/>
        <source>Delete Crop &quot;%1&quot;</source>
        <translation>Supprimer le recadrage « %1 »</translation>
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
        <translation>Le catalogue utilisé la dernière fois n’a pas pu être ouvert ; Stills ouvre à la place le catalogue par défaut.

%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The catalog could not be opened.

%1</source>
        <translation>Le catalogue n’a pas pu être ouvert.

%1</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../core/common/settings.cpp" line="+117"/>
        <source>The preferences could not be saved to %1.</source>
        <translation>Les préférences n’ont pas pu être enregistrées dans %1.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The key file %1 could not be read.</source>
        <translation>Le fichier de clé %1 n’a pas pu être lu.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The key file %1 could not be created: %2</source>
        <translation>Le fichier de clé %1 n’a pas pu être créé : %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+13"/>
        <source>The key file %1 could not be made private.</source>
        <translation>Le fichier de clé %1 n’a pas pu être rendu privé.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>The key file %1 could not be written.</source>
        <translation>Le fichier de clé %1 n’a pas pu être écrit.</translation>
    </message>
</context>
<context>
    <name>ShotEditCommand</name>
    <message>
        <location filename="../ui/shoteditcommand.cpp" line="+25"/>
        <source>Clear Rating</source>
        <translation>Effacer la note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate 1 Star</source>
        <translation>Noter 1 étoile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate %1 Stars</source>
        <translation>Noter %1 étoiles</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flag as Pick</source>
        <translation>Marquer comme retenu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag as Rejected</source>
        <translation>Marquer comme rejeté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Flag</source>
        <translation>Retirer le marqueur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove Colour Label</source>
        <translation>Retirer l’étiquette de couleur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label %1</source>
        <translation>Étiquette %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2 shots)</source>
        <translation>%1 (%2 clichés)</translation>
    </message>
</context>
<context>
    <name>TagEdits</name>
    <message>
        <location filename="../core/curating/tagedits.cpp" line="+141"/>
        <source>Rename Tag “%1” to “%2”</source>
        <translation>Renommer le mot-clé « %1 » en « %2 »</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move Tag “%1” to the Top Level</source>
        <translation>Déplacer le mot-clé « %1 » au niveau supérieur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move Tag “%1” into “%2”</source>
        <translation>Déplacer le mot-clé « %1 » dans « %2 »</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Merge Tag “%1” into “%2”</source>
        <translation>Fusionner le mot-clé « %1 » dans « %2 »</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete Tag “%1”</source>
        <translation>Supprimer le mot-clé « %1 »</translation>
    </message>
</context>
<context>
    <name>ThumbnailDiskCache</name>
    <message>
        <location filename="../core/imaging/thumbnaildiskcache.cpp" line="+67"/>
        <source>Could not remove the thumbnail %1.</source>
        <translation>Impossible de supprimer la vignette %1.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not remove all of %1.</source>
        <translation>Impossible de supprimer entièrement %1.</translation>
    </message>
</context>
<context>
    <name>stills</name>
    <message>
        <location filename="../core/exporting/exporter.cpp" line="+182"/>
        <source>cannot be encoded as %1: %2</source>
        <translation>ne peut pas être encodé en %1 : %2</translation>
    </message>
    <message>
        <location filename="../core/importing/archiveimporter.cpp" line="+42"/>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
    <message>
        <location line="+53"/>
        <location line="+5"/>
        <source>%1 cannot be read: %2</source>
        <translation>%1 ne peut pas être lu : %2</translation>
    </message>
    <message>
        <location filename="../core/importing/metadataimporter.cpp" line="+30"/>
        <location line="+4"/>
        <source>&quot;%1&quot; must be a list of texts</source>
        <translation>&quot;%1&quot; doit être une liste de textes</translation>
    </message>
</context>
<context>
    <name>stills::AboutDialog</name>
    <message>
        <location filename="../ui/aboutdialog.cpp" line="+16"/>
        <source>About Stills</source>
        <translation>À propos de Stills</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;h2&gt;Stills %1&lt;/h2&gt;&lt;p&gt;A fast desktop gallery for film stills and captioned image datasets.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Runs on&lt;/b&gt;&lt;/p&gt;&lt;table&gt;%2&lt;/table&gt;&lt;p&gt;&lt;b&gt;Licence:&lt;/b&gt; %3&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Stills %1&lt;/h2&gt;&lt;p&gt;Une galerie de bureau rapide pour les photogrammes de films et les jeux d’images légendées.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Fonctionne avec&lt;/b&gt;&lt;/p&gt;&lt;table&gt;%2&lt;/table&gt;&lt;p&gt;&lt;b&gt;Licence :&lt;/b&gt; %3&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>stills::ArchiveImportDialog</name>
    <message>
        <location filename="../ui/archiveimportdialog.cpp" line="+22"/>
        <source>Import Archives</source>
        <translation>Importer des archives</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a .zip, .rar or .7z file, or a folder of them</source>
        <translation>un fichier .zip, .rar ou .7z, ou un dossier qui en contient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive…</source>
        <translation>Archive…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder…</source>
        <translation>Dossier…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import an Archive</source>
        <translation>Importer une archive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archives (*.zip *.cbz *.rar *.cbr *.7z *.cb7 *.tar)</source>
        <translation>Archives (*.zip *.cbz *.rar *.cbr *.7z *.cb7 *.tar)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import a Folder of Archives</source>
        <translation>Importer un dossier d’archives</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import:</source>
        <translation>Importer :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images are unpacked here, one folder per archive; nothing is written anywhere else.</source>
        <translation>Les images sont décompressées ici, un dossier par archive ; rien n’est écrit ailleurs.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpack into:</source>
        <translation>Décompresser dans :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dry run: report what would happen, change nothing</source>
        <translation>Simulation : indiquer ce qui se passerait, sans rien modifier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%v of %m archives</source>
        <translation>%v archives sur %m</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Choose an archive or a folder of archives.</source>
        <translation>Choisissez une archive ou un dossier d’archives.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 — %2: %3</source>
        <translation>%1 — %2 : %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>    refused %1: %2</source>
        <translation>    refusé %1 : %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>    %1 %2: %3</source>
        <translation>    %1 %2 : %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Done: %1 imported, %2 skipped, %3 partial, %4 refused, %5 failed%6.</source>
        <translation>Terminé : %1 importées, %2 ignorées, %3 partielles, %4 refusées, %5 en échec%6.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (cancelled; run it again to resume)</source>
        <translation> (annulé ; relancez pour reprendre)</translation>
    </message>
</context>
<context>
    <name>stills::ArchiveImporter</name>
    <message>
        <location filename="../core/importing/archiveimporter.cpp" line="+62"/>
        <source>its name cannot be read (it is not valid in the encoding the archive declares)</source>
        <translation>son nom est illisible (il n’est pas valide dans l’encodage déclaré par l’archive)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the name is longer than %1 bytes</source>
        <translation>le nom dépasse %1 octets</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an absolute path (it would be written outside the storage folder)</source>
        <translation>un chemin absolu (il serait écrit hors du dossier de stockage)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a path with a drive letter (it would be written outside the storage folder)</source>
        <translation>un chemin avec une lettre de lecteur (il serait écrit hors du dossier de stockage)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a path that climbs out with &quot;..&quot; (it would be written outside the storage folder)</source>
        <translation>un chemin qui remonte avec &quot;..&quot; (il serait écrit hors du dossier de stockage)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a file or folder name longer than 255 bytes</source>
        <translation>un nom de fichier ou de dossier de plus de 255 octets</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the name is empty once cleaned</source>
        <translation>le nom est vide une fois nettoyé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nested more than %1 folders deep</source>
        <translation>imbriqué sur plus de %1 niveaux de dossiers</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Out of memory opening %1.</source>
        <translation>Mémoire insuffisante à l’ouverture de %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 cannot be opened as an archive: %2</source>
        <translation>%1 ne peut pas être ouvert comme archive : %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 exists already; nothing is unpacked over it.</source>
        <translation>%1 existe déjà ; rien n’est décompressé par-dessus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder %1 cannot be created.</source>
        <translation>Le dossier %1 ne peut pas être créé.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 was refused: %2. Nothing from it is imported.</source>
        <translation>%1 a été refusé : %2. Rien n’en est importé.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it unpacks to more than %1</source>
        <translation>une fois décompressé, il dépasse %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it unpacks to more than %1 times its size (%2 from %3 read), like a ZIP bomb</source>
        <translation>une fois décompressé, il dépasse %1 fois sa taille (%2 pour %3 lus), comme une bombe ZIP</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+90"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>the archive is damaged after %1 entries: %2</source>
        <translation>l’archive est endommagée après %1 entrées : %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it holds more than %1 entries</source>
        <translation>elle contient plus de %1 entrées</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a hard link (only regular files are taken)</source>
        <translation>un lien physique (seuls les fichiers ordinaires sont pris)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a symbolic link (only regular files are taken)</source>
        <translation>un lien symbolique (seuls les fichiers ordinaires sont pris)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a device, pipe or socket (only regular files are taken)</source>
        <translation>un périphérique, un tube ou un socket (seuls les fichiers ordinaires sont pris)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>an archive inside the archive is not opened; import it on its own</source>
        <translation>une archive dans l’archive n’est pas ouverte ; importez-la séparément</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not an image</source>
        <translation>pas une image</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+72"/>
        <source>an empty file</source>
        <translation>un fichier vide</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>it declares more than %1 of data</source>
        <translation>il déclare plus de %1 de données</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a second entry with the same name (nothing is overwritten)</source>
        <translation>une deuxième entrée du même nom (rien n’est écrasé)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a path that leaves the storage folder</source>
        <translation>un chemin qui sort du dossier de stockage</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a path through a link</source>
        <translation>un chemin qui passe par un lien</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>its folder cannot be created</source>
        <translation>son dossier ne peut pas être créé</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot be written: %1</source>
        <translation>ne peut pas être écrit : %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>cannot be read: %1</source>
        <translation>ne peut pas être lu : %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+23"/>
        <source>%1 cannot be written: %2</source>
        <translation>%1 ne peut pas être écrit : %2</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>the archive is damaged at %1</source>
        <translation>l’archive est endommagée à %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>There is no file or folder %1.</source>
        <translation>Il n’y a pas de fichier ou de dossier %1.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The catalog is open read-only.</source>
        <translation>Le catalogue est ouvert en lecture seule.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There are no archives (%1) in %2.</source>
        <translation>Il n’y a pas d’archives (%1) dans %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The storage folder %1 cannot be created.</source>
        <translation>Le dossier de stockage %1 ne peut pas être créé.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The unfinished folder %1 cannot be removed.</source>
        <translation>Le dossier inachevé %1 ne peut pas être supprimé.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 holds no images.</source>
        <translation>%1 ne contient aucune image.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: nothing could be read (%2).</source>
        <translation>%1 : rien n’a pu être lu (%2).</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>would import %n image(s)</source>
        <translation>
            <numerusform>importerait %n image</numerusform>
            <numerusform>importerait %n images</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 cannot be renamed to %2.</source>
        <translation>%1 ne peut pas être renommé en %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>%1 is damaged: %n image(s) imported, the rest could not be read (%2).</source>
        <translation>
            <numerusform>%1 est endommagé : %n image importée, le reste n’a pas pu être lu (%2).</numerusform>
            <numerusform>%1 est endommagé : %n images importées, le reste n’a pas pu être lu (%2).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>imported before</source>
        <translation>déjà importé</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n image(s) added</source>
        <translation>
            <numerusform>%n image ajoutée</numerusform>
            <numerusform>%n images ajoutées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::AttributeEditor</name>
    <message>
        <location filename="../ui/attributeeditor.cpp" line="+93"/>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>(mixed)</source>
        <translation>(mixte)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The selected shots have different values</source>
        <translation>Les clichés sélectionnés ont des valeurs différentes</translation>
    </message>
    <message>
        <location line="+120"/>
        <source> +%1</source>
        <translation> +%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>
* only some of the selected shots</source>
        <translation>
* seulement une partie des clichés sélectionnés</translation>
    </message>
</context>
<context>
    <name>stills::ConflictDialog</name>
    <message>
        <location filename="../ui/conflictdialog.cpp" line="+27"/>
        <source>Changed by Someone Else</source>
        <translation>Modifié par quelqu’un d’autre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Someone else changed %1 since you opened it. Which version should the catalog keep?</source>
        <translation>Quelqu’un d’autre a modifié %1 depuis que vous l’avez ouvert. Quelle version le catalogue doit-il conserver ?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Theirs (in the catalog)</source>
        <translation>La leur (dans le catalogue)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mine</source>
        <translation>La mienne</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Keep Theirs</source>
        <translation>Garder la leur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overwrite with Mine</source>
        <translation>Remplacer par la mienne</translation>
    </message>
</context>
<context>
    <name>stills::CropCanvas</name>
    <message>
        <location filename="../ui/cropcanvas.cpp" line="+216"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
</context>
<context>
    <name>stills::CropEditor</name>
    <message>
        <location filename="../ui/cropeditor.cpp" line="+75"/>
        <source>The shot&apos;s named crops; choosing another saves the changes to this one</source>
        <translation>Les recadrages nommés du cliché ; en choisir un autre enregistre les modifications de celui-ci</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crop:</source>
        <translation>Recadrage :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New…</source>
        <translation>Nouveau…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a crop to this shot, starting from the one shown</source>
        <translation>Ajouter un recadrage à ce cliché, à partir de celui affiché</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rename the crop shown</source>
        <translation>Renommer le recadrage affiché</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the crop shown (Ctrl+Z brings it back)</source>
        <translation>Supprimer le recadrage affiché (Ctrl+Z le rétablit)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The shape of the crop; a training size also warns when the crop has fewer pixels</source>
        <translation>La forme du recadrage ; une taille d’entraînement avertit aussi quand le recadrage a moins de pixels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aspect:</source>
        <translation>Proportions :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⟲ 90°</source>
        <translation>⟲ 90°</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Turn the crop anticlockwise ([)</source>
        <translation>Tourner le recadrage dans le sens antihoraire ([)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⟳ 90°</source>
        <translation>⟳ 90°</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Turn the crop clockwise (])</source>
        <translation>Tourner le recadrage dans le sens horaire (])</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Turn:</source>
        <translation>Tourner :</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Straighten: turn the image up to 45° either way about the crop&apos;s centre</source>
        <translation>Redresser : tourner l’image jusqu’à 45° dans un sens ou l’autre autour du centre du recadrage</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Straighten:</source>
        <translation>Redresser :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Suggest</source>
        <translation>Suggérer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Place the crop on what stands out in the image</source>
        <translation>Placer le recadrage sur ce qui ressort dans l’image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The largest crop of this aspect</source>
        <translation>Le plus grand recadrage de ces proportions</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Drag to draw, move or resize. Arrows move, Shift+arrows resize, Ctrl for larger steps; [ and ] turn. Enter applies, Escape cancels.</source>
        <translation>Faites glisser pour tracer, déplacer ou redimensionner. Les flèches déplacent, Maj+flèches redimensionnent, Ctrl pour des pas plus grands ; [ et ] tournent. Entrée applique, Échap annule.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leave without saving the changes to this crop (Escape)</source>
        <translation>Quitter sans enregistrer les modifications de ce recadrage (Échap)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the crop and leave (Enter)</source>
        <translation>Enregistrer le recadrage et quitter (Entrée)</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>The image cannot be shown: %1</source>
        <translation>L’image ne peut pas être affichée : %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The crops of this shot cannot be read: %1</source>
        <translation>Les recadrages de ce cliché ne peuvent pas être lus : %1</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Crop not saved</source>
        <translation>Recadrage non enregistré</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+92"/>
        <source>New Crop &quot;%1&quot;</source>
        <translation>Nouveau recadrage « %1 »</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Edit Crop &quot;%1&quot;</source>
        <translation>Modifier le recadrage « %1 »</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>This shot already has a crop named &quot;%1&quot;.</source>
        <translation>Ce cliché a déjà un recadrage nommé « %1 ».</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+2"/>
        <source>crop</source>
        <translation>recadrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New Crop</source>
        <translation>Nouveau recadrage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name of the new crop:</source>
        <translation>Nom du nouveau recadrage :</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Rename Crop</source>
        <translation>Renommer le recadrage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name of the crop &quot;%1&quot;:</source>
        <translation>Nouveau nom du recadrage « %1 » :</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rename Crop &quot;%1&quot; to &quot;%2&quot;</source>
        <translation>Renommer le recadrage « %1 » en « %2 »</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 (not saved yet)</source>
        <translation>%1 (pas encore enregistré)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1°</source>
        <translation>%1°</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Output: %1 × %2 pixels</source>
        <translation>Résultat : %1 × %2 pixels</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved yet: Enter applies, Escape drops it.</source>
        <translation>Pas encore enregistré : Entrée applique, Échap abandonne.</translation>
    </message>
</context>
<context>
    <name>stills::CropGeometry</name>
    <message>
        <location filename="../core/imaging/cropgeometry.cpp" line="+93"/>
        <source>Free</source>
        <translation>Libre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 × %2 (training)</source>
        <translation>%1 × %2 (entraînement)</translation>
    </message>
    <message>
        <location line="+245"/>
        <source>The crop has %1 × %2 pixels of the original, fewer than the %3 × %4 training size: it would be upscaled.</source>
        <translation>Le recadrage a %1 × %2 pixels de l’original, moins que la taille d’entraînement %3 × %4 : il serait agrandi.</translation>
    </message>
</context>
<context>
    <name>stills::CropRenderer</name>
    <message>
        <location filename="../core/imaging/croprenderer.cpp" line="+33"/>
        <source>Straightened by %1°, the crop &quot;%2&quot; leaves no pixels: move it away from the image&apos;s edge or straighten less.</source>
        <translation>Redressé de %1°, le recadrage « %2 » ne garde aucun pixel : éloignez-le du bord de l’image ou redressez moins.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>There is no image to crop.</source>
        <translation>Il n’y a aucune image à recadrer.</translation>
    </message>
</context>
<context>
    <name>stills::ExportDialog</name>
    <message>
        <location filename="../ui/exportdialog.cpp" line="+26"/>
        <location line="+88"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message numerus="yes">
        <location line="-84"/>
        <source>The %n selected shot(s)</source>
        <translation>
            <numerusform>Le cliché sélectionné (%n)</numerusform>
            <numerusform>Les %n clichés sélectionnés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shots matching:</source>
        <translation>Clichés correspondant à :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>photoset:NAME, tag:…, rating&gt;=3 … (empty: every shot)</source>
        <translation>photoset:NOM, tag:…, rating&gt;=3 … (vide : tous les clichés)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What:</source>
        <translation>Quoi :</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>export.zip, or a new folder</source>
        <translation>export.zip, ou un nouveau dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>To:</source>
        <translation>Vers :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(current choices)</source>
        <translation>(choix actuels)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as Recipe…</source>
        <translation>Enregistrer comme recette…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recipe:</source>
        <translation>Recette :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Originals</source>
        <translation>Originaux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crops</source>
        <translation>Recadrages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every named crop</source>
        <translation>tous les recadrages nommés</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Crop:</source>
        <translation>Recadrage :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images:</source>
        <translation>Images :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>full size</source>
        <translation>taille réelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest edge:</source>
        <translation>Plus grand côté :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> px square</source>
        <translation> px de côté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training size:</source>
        <translation>Taille d’entraînement :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep (JPEG when rendered)</source>
        <translation>Conserver (JPEG si rendu)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Format:</source>
        <translation>Format :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quality:</source>
        <translation>Qualité :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>.txt beside each image</source>
        <translation>.txt à côté de chaque image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>.caption beside each image</source>
        <translation>.caption à côté de chaque image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Captions:</source>
        <translation>Légendes :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>metadata.jsonl (tags, attributes, caption, crop, source hash)</source>
        <translation>metadata.jsonl (mots-clés, attributs, légende, recadrage, empreinte de la source)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest:</source>
        <translation>Manifeste :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%v of %m shots</source>
        <translation>%v clichés sur %m</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Save Export Recipe</source>
        <translation>Enregistrer la recette d’exportation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replace Recipe</source>
        <translation>Remplacer la recette</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replace the recipe &quot;%1&quot;?</source>
        <translation>Remplacer la recette « %1 » ?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recipe Not Saved</source>
        <translation>Recette non enregistrée</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Export To</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ZIP archives (*.zip);;Folder (any other name)</source>
        <translation>Archives ZIP (*.zip);;Dossier (tout autre nom)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose where to export to.</source>
        <translation>Choisissez où exporter.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Exporting to %1…</source>
        <translation>Exportation vers %1…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Skipped %1: %2</source>
        <translation>%1 ignoré : %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported %1 images (%2 caption files) from %3 shots to %4; %5 skipped.</source>
        <translation>%1 images exportées (%2 fichiers de légende) depuis %3 clichés vers %4 ; %5 ignorés.</translation>
    </message>
</context>
<context>
    <name>stills::ExportRecipe</name>
    <message>
        <location filename="../core/exporting/exportrecipe.cpp" line="+66"/>
        <source>Unknown image choice &quot;%1&quot; (originals or crops).</source>
        <translation>Choix d’images inconnu « %1 » (originals ou crops).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unknown caption sidecar &quot;%1&quot; (txt, caption or none).</source>
        <translation>Fichier annexe de légende inconnu « %1 » (txt, caption ou none).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unknown format &quot;%1&quot; (jpeg, png or webp).</source>
        <translation>Format inconnu « %1 » (jpeg, png ou webp).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The quality must be between 1 and 100, not %1.</source>
        <translation>La qualité doit être comprise entre 1 et 100, et non %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sizes must be between 1 and 65535 pixels.</source>
        <translation>Les tailles doivent être comprises entre 1 et 65535 pixels.</translation>
    </message>
</context>
<context>
    <name>stills::ExportRecipeStore</name>
    <message>
        <location line="+21"/>
        <location line="+33"/>
        <source>There is no export recipe named &quot;%1&quot;.</source>
        <translation>Il n’existe aucune recette d’exportation nommée « %1 ».</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>The export recipe &quot;%1&quot; is damaged in the settings.</source>
        <translation>La recette d’exportation « %1 » est endommagée dans les paramètres.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>An export recipe needs a name.</source>
        <translation>Une recette d’exportation doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The export recipe &quot;%1&quot; could not be saved to the settings.</source>
        <translation>La recette d’exportation « %1 » n’a pas pu être enregistrée dans les paramètres.</translation>
    </message>
</context>
<context>
    <name>stills::Exporter</name>
    <message>
        <location filename="../core/exporting/exporter.cpp" line="+75"/>
        <source>Nothing to export: the selection is empty.</source>
        <translation>Rien à exporter : la sélection est vide.</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+83"/>
        <location line="+21"/>
        <source>The export was cancelled; nothing was written to %1.</source>
        <translation>L’exportation a été annulée ; rien n’a été écrit dans %1.</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>the file is missing</source>
        <translation>le fichier est absent</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The catalog could not be read for %1.</source>
        <translation>Le catalogue n’a pas pu être lu pour %1.</translation>
    </message>
    <message>
        <location line="+81"/>
        <location line="+8"/>
        <location line="+14"/>
        <source>The export stopped; nothing was written to %1: %2</source>
        <translation>L’exportation s’est arrêtée ; rien n’a été écrit dans %1 : %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing could be exported (%1 shots skipped); nothing was written to %2.</source>
        <translation>Rien n’a pu être exporté (%1 clichés ignorés) ; rien n’a été écrit dans %2.</translation>
    </message>
</context>
<context>
    <name>stills::FacetPanel</name>
    <message>
        <location filename="../ui/facetpanel.cpp" line="+44"/>
        <location line="+2"/>
        <source>Find a facet value</source>
        <translation>Rechercher une valeur de facette</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Facets</source>
        <translation>Facettes</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Rating</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flag</source>
        <translation>Marqueur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour label</source>
        <translation>Étiquette de couleur</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unrated</source>
        <translation>Sans note</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pick</source>
        <translation>Retenu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>Rejeté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unflagged</source>
        <translation>Sans marqueur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No label</source>
        <translation>Sans étiquette</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Red</source>
        <translation>Rouge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yellow</source>
        <translation>Jaune</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Green</source>
        <translation>Vert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blue</source>
        <translation>Bleu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Purple</source>
        <translation>Violet</translation>
    </message>
    <message numerus="yes">
        <location line="+75"/>
        <source>%n shot(s) would match with this value</source>
        <translation>
            <numerusform>%n cliché correspondrait à cette valeur</numerusform>
            <numerusform>%n clichés correspondraient à cette valeur</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::FolderSink</name>
    <message>
        <location filename="../core/exporting/exporter.cpp" line="-355"/>
        <source>%1 exists already; choose another name (nothing is overwritten).</source>
        <translation>%1 existe déjà ; choisissez un autre nom (rien n’est écrasé).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The unfinished export %1 cannot be removed.</source>
        <translation>L’exportation inachevée %1 ne peut pas être supprimée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder %1 cannot be created.</source>
        <translation>Le dossier %1 ne peut pas être créé.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 cannot be written: %2</source>
        <translation>%1 ne peut pas être écrit : %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 cannot be copied to %2: %3</source>
        <translation>%1 ne peut pas être copié vers %2 : %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 appeared while the export ran; it is left as it was.</source>
        <translation>%1 est apparu pendant l’exportation ; il est laissé tel quel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cannot be renamed to %2.</source>
        <translation>%1 ne peut pas être renommé en %2.</translation>
    </message>
</context>
<context>
    <name>stills::InspectorPanel</name>
    <message>
        <location filename="../ui/inspectorpanel.cpp" line="+67"/>
        <source>No shot selected</source>
        <translation>Aucun cliché sélectionné</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n shots selected</source>
        <translation>
            <numerusform>%n cliché sélectionné</numerusform>
            <numerusform>%n clichés sélectionnés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This file cannot be read: %1</source>
        <translation>Ce fichier ne peut pas être lu : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file is not supported: %1</source>
        <translation>Ce fichier n’est pas pris en charge : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file is missing on disk.</source>
        <translation>Ce fichier est absent du disque.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This image cannot be shown: %1</source>
        <translation>Cette image ne peut pas être affichée : %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dimensions</source>
        <translation>Dimensions</translation>
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
        <translation>Taille du fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken</source>
        <translation>Prise de vue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lens</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focal length</source>
        <translation>Focale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aperture</source>
        <translation>Ouverture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exposure</source>
        <translation>Exposition</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ISO</source>
        <translation>ISO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orientation</source>
        <translation>Orientation</translation>
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
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Description</translation>
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
        <translation>Importation %v sur %m</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the import after the current batch; what is done is kept</source>
        <translation>Arrêter l’importation après le lot en cours ; ce qui est fait est conservé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Some XMP sidecars could not be written; click to see them and retry</source>
        <translation>Certains fichiers annexes XMP n’ont pas pu être écrits ; cliquez pour les voir et réessayer</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancelling after the current batch…</source>
        <translation>Annulation après le lot en cours…</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Import a Folder…</source>
        <translation>Importer un dossier…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Photosets</source>
        <translation>Séries</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Photosets</source>
        <translation>&amp;Séries</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved searches</source>
        <translation>Recherches enregistrées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved searches: click to show what matches now. Save one with &quot;Save Search…&quot; above the grid; right-click to rename or delete.</source>
        <translation>Recherches enregistrées : cliquez pour afficher ce qui correspond maintenant. Enregistrez-en une avec « Enregistrer la recherche… » au-dessus de la grille ; clic droit pour renommer ou supprimer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sa&amp;ved Searches</source>
        <translation>Recherches &amp;enregistrées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Filter</source>
        <translation>&amp;Filtre</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Thumbnail size (Ctrl++ / Ctrl+-)</source>
        <translation>Taille des vignettes (Ctrl++ / Ctrl+-)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Attributes of the selected shots; a change applies to the whole selection (Ctrl+Z undoes it)</source>
        <translation>Attributs des clichés sélectionnés ; une modification s’applique à toute la sélection (Ctrl+Z l’annule)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import Folder…</source>
        <translation>&amp;Importer un dossier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+I</source>
        <translation>Ctrl+Shift+I</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import &amp;Archives…</source>
        <translation>Importer des &amp;archives…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open Catalog File…</source>
        <translation>&amp;Ouvrir un fichier catalogue…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect to Catalog &amp;URL…</source>
        <translation>Se connecter à une &amp;URL de catalogue…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
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
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;None</source>
        <translation>&amp;Ne rien sélectionner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find…</source>
        <translation>Rec&amp;hercher…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Clear Search and Filters</source>
        <translation>Effa&amp;cer la recherche et les filtres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom &amp;In</source>
        <translation>Zoom a&amp;vant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+=</source>
        <translation>Ctrl+=</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Preview</source>
        <translation>A&amp;perçu</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Space or Enter in the grid; Escape goes back</source>
        <translation>Espace ou Entrée dans la grille ; Échap pour revenir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>Actualis&amp;er</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Shot</source>
        <translation>&amp;Cliché</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Clear Rating</source>
        <translation>Effacer la note</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rate 1 Star</source>
        <translation>Noter 1 étoile</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rate %1 Stars</source>
        <translation>Noter %1 étoiles</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flag as &amp;Pick</source>
        <translation>Marquer comme re&amp;tenu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag as Re&amp;jected</source>
        <translation>Marquer comme re&amp;jeté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unflag</source>
        <translation>Retirer le &amp;marqueur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Red</source>
        <translation>rouge</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Yellow</source>
        <translation>jaune</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Green</source>
        <translation>verte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blue</source>
        <translation>bleue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label %1</source>
        <translation>Étiquette %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Colour Label</source>
        <translation>Retirer l’étiquette de couleur</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Add Tags…</source>
        <translation>Ajouter des mot&amp;s-clés…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remo&amp;ve Tags…</source>
        <translation>Reti&amp;rer des mots-clés…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Manage Tags…</source>
        <translation>&amp;Gérer les mots-clés…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Crop…</source>
        <translation>&amp;Recadrer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the crops of the current shot</source>
        <translation>Modifier les recadrages du cliché courant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Auto-Advance</source>
        <translation>&amp;Avancer automatiquement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move to the next shot after rating or flagging one</source>
        <translation>Passer au cliché suivant après une note ou un marqueur</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Stills</source>
        <translation>À &amp;propos de Stills</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The new language is used when Stills is started again.</source>
        <translation>La nouvelle langue sera utilisée au prochain démarrage de Stills.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new thumbnail cache folder is used when Stills is started again.</source>
        <translation>Le nouveau dossier des vignettes sera utilisé au prochain démarrage de Stills.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The thumbnail cache could not be trimmed to its size limit: %1</source>
        <translation>Le cache des vignettes n’a pas pu être ramené à sa taille maximale : %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+34"/>
        <source>Some selected shots are still loading; nothing was changed. Try again in a moment.</source>
        <translation>Certains clichés sélectionnés sont encore en cours de chargement ; rien n’a été modifié. Réessayez dans un instant.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select one or more shots first.</source>
        <translation>Sélectionnez d’abord un ou plusieurs clichés.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Added to &quot;%1&quot;. B adds the next selection there too.</source>
        <translation>Ajouté à « %1 ». B y ajoute aussi la sélection suivante.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Shots are removed from a photoset, not from the library: open a photoset first.</source>
        <translation>Les clichés sont retirés d’une série, pas de la bibliothèque : ouvrez d’abord une série.</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+102"/>
        <source>Rename Photoset</source>
        <translation>Renommer la série</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>&amp;Photoset</source>
        <translation>&amp;Série</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New Photoset…</source>
        <translation>&amp;Nouvelle série…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New Photoset from &amp;Selection…</source>
        <translation>Nouvelle série à partir de la &amp;sélection…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add Selection to Photoset…</source>
        <translation>&amp;Ajouter la sélection à une série…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Selection to the &amp;Last Photoset	B</source>
        <translation>Ajouter la sélection à la &amp;dernière série	B</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Remove Selection from This Photoset	Del</source>
        <translation>&amp;Retirer la sélection de cette série	Del</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit Photoset…</source>
        <translation>&amp;Modifier la série…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+Alt+E</source>
        <translation>Ctrl+Alt+E</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;name Photoset…</source>
        <translation>Re&amp;nommer la série…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Delete Photoset…</source>
        <translation>Su&amp;pprimer la série…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New Photoset from Selection</source>
        <translation>Nouvelle série à partir de la sélection</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New Photoset</source>
        <translation>Nouvelle série</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A photoset needs a name; nothing was created.</source>
        <translation>Une série doit avoir un nom ; rien n’a été créé.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Add to Photoset</source>
        <translation>Ajouter à une série</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Add %n selected shot(s) to the photoset (type a new name to create one):</source>
        <translation>
            <numerusform>Ajouter %n cliché sélectionné à la série (saisissez un nouveau nom pour en créer une) :</numerusform>
            <numerusform>Ajouter %n clichés sélectionnés à la série (saisissez un nouveau nom pour en créer une) :</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose a photoset to rename (the library has no name to change).</source>
        <translation>Choisissez une série à renommer (la bibliothèque n’a pas de nom à modifier).</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+275"/>
        <source>New name:</source>
        <translation>Nouveau nom :</translation>
    </message>
    <message>
        <location line="-261"/>
        <source>Delete Photoset</source>
        <translation>Supprimer la série</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete the photoset &quot;%1&quot;? Its %n shot(s) stay in the library; Undo brings the photoset back.</source>
        <translation>
            <numerusform>Supprimer la série « %1 » ? Son cliché (%n) reste dans la bibliothèque ; Annuler rétablit la série.</numerusform>
            <numerusform>Supprimer la série « %1 » ? Ses %n clichés restent dans la bibliothèque ; Annuler rétablit la série.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The selected shots carry no tags.</source>
        <translation>Les clichés sélectionnés n’ont aucun mot-clé.</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Not changed: %1 Refresh (F5) to see the current values, then edit again.</source>
        <translation>Non modifié : %1 Actualisez (F5) pour voir les valeurs actuelles, puis modifiez à nouveau.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The edit failed: %1</source>
        <translation>La modification a échoué : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit not made</source>
        <translation>Modification non effectuée</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n shot(s) were changed by someone else after this edit and were left as they are.</source>
        <translation>
            <numerusform>%n cliché a été modifié par quelqu’un d’autre après cette modification et a été laissé tel quel.</numerusform>
            <numerusform>%n clichés ont été modifiés par quelqu’un d’autre après cette modification et ont été laissés tels quels.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n XMP sidecar(s) could not be written (the catalog has the change): %1</source>
        <translation>
            <numerusform>%n fichier XMP annexe n’a pas pu être écrit (le catalogue contient la modification) : %1</numerusform>
            <numerusform>%n fichiers XMP annexes n’ont pas pu être écrits (le catalogue contient la modification) : %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Could not read the attribute vocabulary: %1</source>
        <translation>Impossible de lire le vocabulaire des attributs : %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Could not count the facets: %1</source>
        <translation>Impossible de compter les facettes : %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not read the saved searches: %1</source>
        <translation>Impossible de lire les recherches enregistrées : %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Type a search or choose facet values first: there is nothing to save.</source>
        <translation>Saisissez d’abord une recherche ou choisissez des valeurs de facettes : il n’y a rien à enregistrer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save Search</source>
        <translation>Enregistrer la recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name for the search &quot;%1&quot;:</source>
        <translation>Nom de la recherche « %1 » :</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save Search &quot;%1&quot;</source>
        <translation>Enregistrer la recherche « %1 »</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename Saved Search</source>
        <translation>Renommer la recherche enregistrée</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Rename Saved Search &quot;%1&quot;</source>
        <translation>Renommer la recherche enregistrée « %1 »</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace with the &amp;Current Search</source>
        <translation>Remplacer par la recherche &amp;actuelle</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Change Saved Search &quot;%1&quot;</source>
        <translation>Modifier la recherche enregistrée « %1 »</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete Saved Search &quot;%1&quot;</source>
        <translation>Supprimer la recherche enregistrée « %1 »</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>⚠ %n sidecar(s) not yet written</source>
        <translation>
            <numerusform>⚠ %n fichier annexe XMP pas encore écrit</numerusform>
            <numerusform>⚠ %n fichiers annexes XMP pas encore écrits</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sidecars Not Yet Written</source>
        <translation>Fichiers annexes XMP pas encore écrits</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The catalog has these edits, but their XMP sidecars could not be written, so other programs do not see them yet. Fix the cause (a read-only folder, a full disk) and retry.</source>
        <translation>Le catalogue contient ces modifications, mais leurs fichiers annexes XMP n’ont pas pu être écrits ; les autres programmes ne les voient donc pas encore. Corrigez la cause (un dossier en lecture seule, un disque plein) et réessayez.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>&lt;h1&gt;Welcome to Stills&lt;/h1&gt;&lt;p&gt;Your catalog is empty. Import a folder of images to start: Stills reads them where they are, and never changes them.&lt;/p&gt;&lt;p style=&apos;color:gray&apos;&gt;Catalog: %1&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Bienvenue dans Stills&lt;/h1&gt;&lt;p&gt;Votre catalogue est vide. Importez un dossier d’images pour commencer : Stills les lit là où elles sont et ne les modifie jamais.&lt;/p&gt;&lt;p style=&apos;color:gray&apos;&gt;Catalogue : %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stills — %1</source>
        <translation>Stills — %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Choose a shot to crop first.</source>
        <translation>Choisissez d’abord un cliché à recadrer.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 cannot be read, so it cannot be cropped.</source>
        <translation>%1 ne peut pas être lu, il ne peut donc pas être recadré.</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>%n shot(s)</source>
        <translation>
            <numerusform>%n cliché</numerusform>
            <numerusform>%n clichés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> · %n selected</source>
        <translation>
            <numerusform> · %n sélectionné</numerusform>
            <numerusform> · %n sélectionnés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source> · loading %n thumbnail(s)…</source>
        <translation>
            <numerusform> · chargement de %n vignette…</numerusform>
            <numerusform> · chargement de %n vignettes…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Could not read the attributes of the selection: %1</source>
        <translation>Impossible de lire les attributs de la sélection : %1</translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>Set %1 (%n shot(s))</source>
        <translation>
            <numerusform>Définir %1 (%n cliché)</numerusform>
            <numerusform>Définir %1 (%n clichés)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose a photoset to edit (the library itself has no fields).</source>
        <translation>Choisissez une série à modifier (la bibliothèque elle-même n’a pas de champs).</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+20"/>
        <location line="+5"/>
        <source>Edit Photoset</source>
        <translation>Modifier la série</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Edit Photoset &quot;%1&quot;</source>
        <translation>Modifier la série « %1 »</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Import a Folder</source>
        <translation>Importer un dossier</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import Running</source>
        <translation>Importation en cours</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wait for the import to finish, or cancel it, first.</source>
        <translation>Attendez d’abord la fin de l’importation, ou annulez-la.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot Open Catalog</source>
        <translation>Impossible d’ouvrir le catalogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The catalog could not be opened; the current one stays open.

%1</source>
        <translation>Le catalogue n’a pas pu être ouvert ; le catalogue actuel reste ouvert.

%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open or Create a Catalog</source>
        <translation>Ouvrir ou créer un catalogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stills catalogs (*.db);;All files (*)</source>
        <translation>Catalogues Stills (*.db);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connect to Catalog</source>
        <translation>Se connecter à un catalogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catalog URL (postgresql://user@host:5432/database or sqlite:///path/catalog.db):</source>
        <translation>URL du catalogue (postgresql://utilisateur@hôte:5432/base ou sqlite:///chemin/catalog.db) :</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Importing %1…</source>
        <translation>Importation de %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import failed: %1</source>
        <translation>L’importation a échoué : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 “%2”: %3 added, %4 updated, %5 moved, %6 unchanged, %7 failed, %8 unsupported.</source>
        <translation>%1 « %2 » : %3 ajoutés, %4 mis à jour, %5 déplacés, %6 inchangés, %7 en échec, %8 non pris en charge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import cancelled, kept what was done in</source>
        <translation>Importation annulée, ce qui est fait est conservé dans</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Imported into</source>
        <translation>Importé dans</translation>
    </message>
</context>
<context>
    <name>stills::MetadataImporter</name>
    <message>
        <location filename="../core/importing/metadataimporter.cpp" line="+32"/>
        <source>not valid JSON at character %1: %2</source>
        <translation>JSON non valide au caractère %1 : %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the file must hold one JSON object</source>
        <translation>le fichier doit contenir un seul objet JSON</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+14"/>
        <source>&quot;%1&quot; must be a text</source>
        <translation>&quot;%1&quot; doit être un texte</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>&quot;date&quot; must be a date like 2024-01-15</source>
        <translation>&quot;date&quot; doit être une date comme 2024-01-15</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;year&quot; must be a year like 2024</source>
        <translation>&quot;year&quot; doit être une année comme 2024</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>There is no file or folder %1.</source>
        <translation>Il n’y a pas de fichier ou de dossier %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The catalog is open read-only.</source>
        <translation>Le catalogue est ouvert en lecture seule.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>cannot be read: %1</source>
        <translation>ne peut pas être lu : %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>larger than 16 MB; not a metadata file</source>
        <translation>plus de 16 Mo ; ce n’est pas un fichier de métadonnées</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>no photoset is named %1</source>
        <translation>aucune série ne s’appelle %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <location line="+45"/>
        <source>would be applied</source>
        <translation>serait appliqué</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>nothing was applied: %1</source>
        <translation>rien n’a été appliqué : %1</translation>
    </message>
</context>
<context>
    <name>stills::PhotosetEditDialog</name>
    <message>
        <location filename="../ui/photoseteditdialog.cpp" line="+58"/>
        <source>New Photoset</source>
        <translation>Nouvelle série</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit Photoset</source>
        <translation>Modifier la série</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Film or shoot title</source>
        <translation>Titre du film ou de la séance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+138"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date:</source>
        <translation>&amp;Date :</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Year:</source>
        <translation>&amp;Année :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source &amp;URL:</source>
        <translation>&amp;URL source :</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Genre:</source>
        <translation>&amp;Genre :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Names, separated by commas</source>
        <translation>Noms, séparés par des virgules</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;People:</source>
        <translation>&amp;Personnes :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags, separated by commas</source>
        <translation>Mots-clés, séparés par des virgules</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ta&amp;gs:</source>
        <translation>Mots-&amp;clés :</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>D&amp;escription:</source>
        <translation>D&amp;escription :</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>A photoset needs a name.</source>
        <translation>Une série doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The year must be between %1 and %2, or empty when unknown.</source>
        <translation>L’année doit être comprise entre %1 et %2, ou vide si elle est inconnue.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The date must be a real day written as YYYY-MM-DD, like 1962-04-27.</source>
        <translation>La date doit être un jour réel écrit sous la forme AAAA-MM-JJ, comme 1962-04-27.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The date is in %1 but the year says %2.</source>
        <translation>La date est en %1 mais l’année indique %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The source URL must be a web address starting with http:// or https://, like https://example.com/film.</source>
        <translation>L’URL source doit être une adresse web commençant par http:// ou https://, comme https://example.com/film.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source URL</source>
        <translation>URL source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Genre</source>
        <translation>Genre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Mots-clés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the photoset “%1”</source>
        <translation>la série « %1 »</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The photoset was left as the other person saved it.</source>
        <translation>La série a été laissée telle que l’autre personne l’a enregistrée.</translation>
    </message>
</context>
<context>
    <name>stills::PhotosetListModel</name>
    <message>
        <location filename="../core/models/photosetlistmodel.cpp" line="+41"/>
        <source>Library</source>
        <translation>Bibliothèque</translation>
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
        <translation>Préférences</translation>
    </message>
    <message>
        <location line="-279"/>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catalog</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thumbnails</source>
        <translation>Vignettes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Captions</source>
        <translation>Légendes</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>System language (%1)</source>
        <translation>Langue du système (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new language takes effect when Stills is started again.</source>
        <translation>Une nouvelle langue prend effet au prochain démarrage de Stills.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write ratings, flags, labels and tags to XMP &amp;sidecars</source>
        <translation>Écrire notes, marqueurs, étiquettes et mots-clés dans des fichiers XMP &amp;annexes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photo.jpg.xmp next to each image, read by digiKam, Lightroom, darktable and exiftool</source>
        <translation>photo.jpg.xmp à côté de chaque image, lu par digiKam, Lightroom, darktable et exiftool</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Automatic (%n)</source>
        <translation>
            <numerusform>Automatique (%n)</numerusform>
            <numerusform>Automatique (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Background &amp;workers:</source>
        <translation>&amp;Tâches en arrière-plan :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threads that make thumbnails. Fewer leave more of the computer to other work.</source>
        <translation>Fils d’exécution qui créent les vignettes. Moins il y en a, plus l’ordinateur reste disponible pour autre chose.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The default catalog in your data folder</source>
        <translation>Le catalogue par défaut de votre dossier de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+29"/>
        <location line="+44"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Catalog File</source>
        <translation>Fichier catalogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stills catalogs (*.db);;All files (*)</source>
        <translation>Catalogues Stills (*.db);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Catalog:</source>
        <translation>&amp;Catalogue :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A SQLite file (a path or sqlite:///path/catalog.db), or a PostgreSQL server for a team: postgresql://user:password@host:5432/database. The database must exist; Stills creates its tables.</source>
        <translation>Un fichier SQLite (un chemin ou sqlite:///chemin/catalog.db), ou un serveur PostgreSQL pour une équipe : postgresql://utilisateur:motdepasse@hôte:5432/base. La base doit exister ; Stills crée ses tables.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Test Connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Thumbnail Cache Folder</source>
        <translation>Dossier du cache des vignettes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cache &amp;folder:</source>
        <translation>&amp;Dossier du cache :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new folder takes effect when Stills is started again.</source>
        <translation>Un nouveau dossier prend effet au prochain démarrage de Stills.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> MiB</source>
        <translation> Mio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size &amp;limit:</source>
        <translation>Taille &amp;maximale :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C&amp;lear Cache</source>
        <translation>&amp;Vider le cache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every thumbnail on disk; they are made again when needed</source>
        <translation>Supprimer toutes les vignettes du disque ; elles sont recréées au besoin</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Built-in model (TorchScript)</source>
        <translation>Modèle intégré (TorchScript)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI-compatible server</source>
        <translation>Serveur compatible OpenAI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caption &amp;generator:</source>
        <translation>&amp;Générateur de légendes :</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>TorchScript Model</source>
        <translation>Modèle TorchScript</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TorchScript models (*.pt *.pth *.ts);;All files (*)</source>
        <translation>Modèles TorchScript (*.pt *.pth *.ts);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Model file:</source>
        <translation>Fichier du &amp;modèle :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Input size:</source>
        <translation>Taille d’&amp;entrée :</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>G</source>
        <translation>V</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Normalisation mean:</source>
        <translation>Moyenne de normalisation :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normalisation std:</source>
        <translation>Écart type de normalisation :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model runs in the separate stills-infer worker (package stills-infer).</source>
        <translation>Le modèle s’exécute dans le processus séparé stills-infer (paquet stills-infer).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Server &amp;URL:</source>
        <translation>&amp;URL du serveur :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>M&amp;odel:</source>
        <translation>M&amp;odèle :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>API &amp;key:</source>
        <translation>&amp;Clé d’API :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept in %1, readable by you only; never in the catalog.</source>
        <translation>Conservée dans %1, lisible par vous seul ; jamais dans le catalogue.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Prompt:</source>
        <translation>&amp;Invite :</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>The catalog location is not valid.

%1</source>
        <translation>L’emplacement du catalogue n’est pas valide.

%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The normalisation std must be greater than zero.</source>
        <translation>L’écart type de normalisation doit être supérieur à zéro.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The other preferences were saved, but not the API key.

%1</source>
        <translation>Les autres préférences ont été enregistrées, mais pas la clé d’API.

%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The default catalog in your data folder is used.</source>
        <translation>Le catalogue par défaut de votre dossier de données est utilisé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a catalog location: %1</source>
        <translation>Ce n’est pas un emplacement de catalogue : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connected: a Stills catalog (schema %1) at %2.</source>
        <translation>Connecté : un catalogue Stills (schéma %1) à %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no catalog file there yet; Stills will create it.</source>
        <translation>Il n’y a pas encore de fichier catalogue à cet endroit ; Stills le créera.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected. The database holds no catalog yet; Stills will create its tables when it opens it.</source>
        <translation>Connecté. La base ne contient pas encore de catalogue ; Stills créera ses tables en l’ouvrant.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection failed: %1</source>
        <translation>Échec de la connexion : %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Counting thumbnails…</source>
        <translation>Comptage des vignettes…</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n thumbnail(s), %1 on disk</source>
        <translation>
            <numerusform>%n vignette, %1 sur le disque</numerusform>
            <numerusform>%n vignettes, %1 sur le disque</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Removed %n thumbnail(s) (%1).</source>
        <translation>
            <numerusform>%n vignette supprimée (%1).</numerusform>
            <numerusform>%n vignettes supprimées (%1).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stills::PreviewWidget</name>
    <message>
        <location filename="../ui/previewwidget.cpp" line="+82"/>
        <source>%1 cannot be shown: %2</source>
        <translation>%1 ne peut pas être affiché : %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — loading…</source>
        <translation> — chargement…</translation>
    </message>
</context>
<context>
    <name>stills::SearchBar</name>
    <message>
        <location filename="../ui/searchbar.cpp" line="+30"/>
        <source>Search titles, captions, tags, files…  tag:  rating&gt;=3  flag:pick  &quot;a phrase&quot;  -exclude</source>
        <translation>Rechercher titres, légendes, mots-clés, fichiers…  tag:  rating&gt;=3  flag:pick  &quot;une expression&quot;  -exclure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;Words must all be found in a shot&apos;s title, description, caption, tags, photosets or file name.&lt;/p&gt;&lt;p&gt;&lt;b&gt;&quot;low key&quot;&lt;/b&gt; a phrase · &lt;b&gt;-word&lt;/b&gt; excludes · &lt;b&gt;tag:Lighting&lt;/b&gt; a tag and its children · &lt;b&gt;rating&amp;gt;=3&lt;/b&gt; · &lt;b&gt;flag:pick&lt;/b&gt;|reject|none · &lt;b&gt;label:red&lt;/b&gt; · &lt;b&gt;photoset:NAME&lt;/b&gt; · &lt;b&gt;time_of_day:night&lt;/b&gt; any attribute · &lt;b&gt;-lighting:&quot;low key&quot;&lt;/b&gt; excludes a value&lt;/p&gt;&lt;p&gt;Ctrl+F comes here; Escape goes back to the grid.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Tous les mots doivent figurer dans le titre, la description, la légende, les mots-clés, les séries ou le nom de fichier d’un cliché.&lt;/p&gt;&lt;p&gt;&lt;b&gt;&quot;low key&quot;&lt;/b&gt; une expression · &lt;b&gt;-mot&lt;/b&gt; exclut · &lt;b&gt;tag:Lighting&lt;/b&gt; un mot-clé et ses enfants · &lt;b&gt;rating&amp;gt;=3&lt;/b&gt; · &lt;b&gt;flag:pick&lt;/b&gt;|reject|none · &lt;b&gt;label:red&lt;/b&gt; · &lt;b&gt;photoset:NOM&lt;/b&gt; · &lt;b&gt;time_of_day:night&lt;/b&gt; tout attribut · &lt;b&gt;-lighting:&quot;low key&quot;&lt;/b&gt; exclut une valeur&lt;/p&gt;&lt;p&gt;Ctrl+F amène ici ; Échap revient à la grille.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the search and every facet choice</source>
        <translation>Effacer la recherche et tous les choix de facettes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save Search…</source>
        <translation>Enregistrer la recherche…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep this search in the left pane as a smart photoset</source>
        <translation>Conserver cette recherche dans le volet de gauche comme série intelligente</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>%1: %2  ✕</source>
        <translation>%1 : %2  ✕</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this filter</source>
        <translation>Retirer ce filtre</translation>
    </message>
</context>
<context>
    <name>stills::ShotDelegate</name>
    <message>
        <location filename="../ui/shotdelegate.cpp" line="+48"/>
        <source>Unsupported</source>
        <translation>Non pris en charge</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+6"/>
        <source>Cannot read</source>
        <translation>Illisible</translation>
    </message>
</context>
<context>
    <name>stills::TagEditDialog</name>
    <message>
        <location filename="../ui/tageditdialog.cpp" line="+25"/>
        <source>Add Tags</source>
        <translation>Ajouter des mots-clés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove Tags</source>
        <translation>Retirer des mots-clés</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Add tags to %n shot(s):</source>
        <translation>
            <numerusform>Ajouter des mots-clés à %n cliché :</numerusform>
            <numerusform>Ajouter des mots-clés à %n clichés :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Remove tags from %n shot(s):</source>
        <translation>
            <numerusform>Retirer des mots-clés de %n cliché :</numerusform>
            <numerusform>Retirer des mots-clés de %n clichés :</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lighting/Low key, Places/Paris</source>
        <translation>Éclairage/Clair-obscur, Lieux/Paris</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Separate tags with commas; use / for levels.</source>
        <translation>Séparez les mots-clés par des virgules ; utilisez / pour les niveaux.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Type at least one tag.</source>
        <translation>Saisissez au moins un mot-clé.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The tag &quot;%1&quot; needs at least one letter or digit.</source>
        <translation>Le mot-clé « %1 » doit contenir au moins une lettre ou un chiffre.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>None of these shots carries the tag &quot;%1&quot;.</source>
        <translation>Aucun de ces clichés ne porte le mot-clé « %1 ».</translation>
    </message>
</context>
<context>
    <name>stills::TagManagerDialog</name>
    <message>
        <location filename="../ui/tagmanagerdialog.cpp" line="+145"/>
        <source>&amp;Rename</source>
        <translation>&amp;Renommer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Merge Into…</source>
        <translation>&amp;Fusionner dans…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mo&amp;ve To…</source>
        <translation>&amp;Déplacer vers…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Manage Tags</source>
        <translation>Gérer les mots-clés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete Tag</source>
        <translation>Supprimer le mot-clé</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tag:</source>
        <translation>Mot-clé :</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter tags</source>
        <translation>Filtrer les mots-clés</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tag</source>
        <translation>Mot-clé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shots</source>
        <translation>Clichés</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Could not read the tags: %1</source>
        <translation>Impossible de lire les mots-clés : %1</translation>
    </message>
    <message numerus="yes">
        <location line="+73"/>
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n mot-clé</numerusform>
            <numerusform>%n mots-clés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Tags cannot be edited here: there is no undo history to record the change in.</source>
        <translation>Les mots-clés ne peuvent pas être modifiés ici : il n’y a pas d’historique d’annulation où enregistrer la modification.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>A tag name cannot contain &apos;/&apos;; use Move To… to change its level.</source>
        <translation>Un nom de mot-clé ne peut pas contenir « / » ; utilisez Déplacer vers… pour changer son niveau.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A tag name needs at least one letter or digit.</source>
        <translation>Un nom de mot-clé doit contenir au moins une lettre ou un chiffre.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+42"/>
        <source>There is already a tag &quot;%1&quot;. To put both together, use Merge Into…</source>
        <translation>Il existe déjà un mot-clé « %1 ». Pour réunir les deux, utilisez Fusionner dans…</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>A tag cannot be merged into itself.</source>
        <translation>Un mot-clé ne peut pas être fusionné dans lui-même.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; cannot be merged into &quot;%2&quot;, which is inside it.</source>
        <translation>« %1 » ne peut pas être fusionné dans « %2 », qui se trouve à l’intérieur.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&quot;%1&quot; cannot be moved into &quot;%2&quot;, which is inside it.</source>
        <translation>« %1 » ne peut pas être déplacé dans « %2 », qui se trouve à l’intérieur.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Could not count the shots carrying &quot;%1&quot;: %2</source>
        <translation>Impossible de compter les clichés portant « %1 » : %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No shot carries &quot;%1&quot; or its sub-tags.</source>
        <translation>Aucun cliché ne porte « %1 » ni ses sous-mots-clés.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n shot(s) carry &quot;%1&quot; or one of its sub-tags.</source>
        <translation>
            <numerusform>%n cliché porte « %1 » ou l’un de ses sous-mots-clés.</numerusform>
            <numerusform>%n clichés portent « %1 » ou l’un de ses sous-mots-clés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n photoset(s) too.</source>
        <translation>
            <numerusform>%n série également.</numerusform>
            <numerusform>%n séries également.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the tag and its sub-tags? Edit ▸ Undo brings them back.</source>
        <translation>Supprimer le mot-clé et ses sous-mots-clés ? Édition ▸ Annuler les rétablit.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Merge “%1” Into</source>
        <translation>Fusionner « %1 » dans</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(top level)</source>
        <translation>(niveau supérieur)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move “%1” To</source>
        <translation>Déplacer « %1 » vers</translation>
    </message>
</context>
<context>
    <name>stills::ZipWriter</name>
    <message>
        <location filename="../core/exporting/zipwriter.cpp" line="+49"/>
        <source>%1 exists already; choose another name (nothing is overwritten).</source>
        <translation>%1 existe déjà ; choisissez un autre nom (rien n’est écrasé).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 cannot be written: %2</source>
        <translation>%1 ne peut pas être écrit : %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Out of memory starting %1.</source>
        <translation>Mémoire insuffisante au démarrage de %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>cannot start the ZIP</source>
        <translation>impossible de commencer le ZIP</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: %2 (%3)</source>
        <translation>%1 : %2 (%3)</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+5"/>
        <source>cannot add %1</source>
        <translation>impossible d’ajouter %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+22"/>
        <source>cannot write %1</source>
        <translation>impossible d’écrire %1</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>%1 cannot be read: %2</source>
        <translation>%1 ne peut pas être lu : %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 could not be read to the end: %2</source>
        <translation>%1 n’a pas pu être lu jusqu’au bout : %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>cannot finish the ZIP</source>
        <translation>impossible de terminer le ZIP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 appeared while the export ran; it is left as it was.</source>
        <translation>%1 est apparu pendant l’exportation ; il est laissé tel quel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cannot be saved: %2</source>
        <translation>%1 ne peut pas être enregistré : %2</translation>
    </message>
</context>
<context>
    <name>stills::commands</name>
    <message>
        <location filename="../ui/editcommands.cpp" line="+147"/>
        <source>New Photoset &quot;%1&quot;</source>
        <translation>Nouvelle série « %1 »</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Delete Photoset &quot;%1&quot;</source>
        <translation>Supprimer la série « %1 »</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Rename Photoset &quot;%1&quot; to &quot;%2&quot;</source>
        <translation>Renommer la série « %1 » en « %2 »</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit Photoset &quot;%1&quot;</source>
        <translation>Modifier la série « %1 »</translation>
    </message>
</context>
</TS>
