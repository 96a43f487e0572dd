<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CaptionCommands</name>
    <message>
        <location filename="../ui/captioncommands.cpp" line="+77"/>
        <source>Edit Caption</source>
        <translation>Modifier la légende</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Restore Caption</source>
        <translation>Rétablir la légende</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Replace &quot;%1&quot; in Captions</source>
        <extracomment>%1 the text searched for</extracomment>
        <translation>Remplacer « %1 » dans les légendes</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../core/catalog/catalog.cpp" line="+40"/>
        <source>Upgrading the catalog to schema %1 (%2) failed: %3</source>
        <translation>La mise à niveau du catalogue vers le schéma %1 (%2) a échoué : %3</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The catalog path %1 is a folder; name a file such as %1/catalog.db.</source>
        <translation>Le chemin du catalogue %1 est un dossier ; indiquez un fichier, par exemple %1/catalog.db.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no catalog at %1.</source>
        <translation>Il n’y a pas de catalogue à %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not create the folder %1 for the catalog.</source>
        <translation>Impossible de créer le dossier %1 pour le catalogue.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 is not a Stills catalog: it holds other tables (%2) but no schema_version. Stills will not touch it.</source>
        <translation>%1 n’est pas un catalogue Stills : la base contient d’autres tables (%2) mais pas de schema_version. Stills n’y touchera pas.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The catalog %1 was written by a newer version of Stills (schema %2; this program knows up to schema %3). Update Stills to open it. The catalog was not changed.</source>
        <translation>Le catalogue %1 a été écrit par une version plus récente de Stills (schéma %2 ; ce programme connaît les schémas jusqu’au %3). Mettez Stills à jour pour l’ouvrir. Le catalogue n’a pas été modifié.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 holds no Stills catalog yet.</source>
        <translation>%1 ne contient pas encore de catalogue Stills.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The catalog %1 uses schema %2 and needs an upgrade to %3; open it once without --dry-run or read-only mode.</source>
        <translation>Le catalogue %1 utilise le schéma %2 et doit être mis à niveau vers le %3 ; ouvrez-le une fois sans --dry-run ni mode lecture seule.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Upgrading the catalog to schema %1 (%2)…</source>
        <translation>Mise à niveau du catalogue vers le schéma %1 (%2)…</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Qt&apos;s SQLite driver is not installed (Debian package libqt6sql6-sqlite).</source>
        <translation>Le pilote SQLite de Qt n’est pas installé (paquet Debian libqt6sql6-sqlite).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qt&apos;s PostgreSQL driver is not installed (Debian package libqt6sql6-psql).</source>
        <translation>Le pilote PostgreSQL de Qt n’est pas installé (paquet Debian libqt6sql6-psql).</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Could not open the catalog %1: %2</source>
        <translation>Impossible d’ouvrir le catalogue %1 : %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not connect to the PostgreSQL catalog %1: %2</source>
        <translation>Impossible de se connecter au catalogue PostgreSQL %1 : %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The catalog %1 could not be used: %2</source>
        <translation>Le catalogue %1 n’a pas pu être utilisé : %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not start a catalog transaction: %1</source>
        <translation>Impossible de démarrer une transaction du catalogue : %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not save the change to the catalog: %1</source>
        <translation>Impossible d’enregistrer la modification dans le catalogue : %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/catalog/shapeattributes.cpp" line="+235"/>
        <source>Setting the aspect ratio and orientation of %n shot(s)…</source>
        <translation>
            <numerusform>Définition du format et de l’orientation de %n cliché…</numerusform>
            <numerusform>Définition du format et de l’orientation de %n clichés…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Setting the aspect ratio and orientation of the shots failed: %1</source>
        <translation>La définition du format et de l’orientation des clichés a échoué : %1</translation>
    </message>
    <message>
        <location filename="../core/catalog/attributerepository.cpp" line="+30"/>
        <source>The attribute vocabulary is missing from the program.</source>
        <translation>Le vocabulaire des attributs manque dans le programme.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The attribute vocabulary is not valid JSON: %1</source>
        <translation>Le vocabulaire des attributs n’est pas du JSON valide : %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The attribute vocabulary has an attribute without key or options.</source>
        <translation>Le vocabulaire des attributs contient un attribut sans clé ni options.</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>There is no attribute &quot;%1&quot;.</source>
        <translation>Il n’y a pas d’attribut « %1 ».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 takes one value, not %2.</source>
        <translation>%1 prend une seule valeur, pas %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&quot;%1&quot; is not a value of %2.</source>
        <translation>« %1 » n’est pas une valeur de %2.</translation>
    </message>
    <message>
        <location filename="../core/catalog/captionrepository.cpp" line="+107"/>
        <source>There is no caption version %1.</source>
        <translation>Il n’y a pas de version de légende %1.</translation>
    </message>
    <message>
        <location filename="../core/catalog/catalogurl.cpp" line="+40"/>
        <source>The catalog location is empty.</source>
        <translation>L’emplacement du catalogue est vide.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The SQLite catalog URL &quot;%1&quot; names no file.</source>
        <translation>L’URL de catalogue SQLite « %1 » ne désigne aucun fichier.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>synchronous must be &quot;normal&quot; or &quot;full&quot;, not &quot;%1&quot;.</source>
        <translation>synchronous doit valoir « normal » ou « full », pas « %1 ».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown SQLite catalog option &quot;%1&quot;.</source>
        <translation>Option de catalogue SQLite inconnue « %1 ».</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; is not a valid PostgreSQL URL; expected postgresql://user@host:port/database.</source>
        <translation>« %1 » n’est pas une URL PostgreSQL valide ; forme attendue : postgresql://user@host:port/database.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The PostgreSQL URL &quot;%1&quot; names no database.</source>
        <translation>L’URL PostgreSQL « %1 » ne désigne aucune base de données.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database name &quot;%1&quot; may not contain &apos;/&apos;.</source>
        <translation>Le nom de base de données « %1 » ne peut pas contenir « / ».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unknown catalog URL &quot;%1&quot;: use sqlite:///path/catalog.db or postgresql://user@host/db.</source>
        <translation>URL de catalogue inconnue « %1 » : utilisez sqlite:///path/catalog.db ou postgresql://user@host/db.</translation>
    </message>
    <message>
        <location filename="../core/catalog/croprepository.cpp" line="+24"/>
        <source>A crop needs a name.</source>
        <translation>Un recadrage doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The crop &quot;%1&quot; must be a non-empty rectangle inside the image.</source>
        <translation>Le recadrage « %1 » doit être un rectangle non vide à l’intérieur de l’image.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A crop turns in quarter turns (0, 90, 180, 270), not %1°.</source>
        <translation>Un recadrage tourne par quarts de tour (0, 90, 180, 270), pas de %1°.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Straightening is limited to ±45°.</source>
        <translation>Le redressement est limité à ±45°.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>This shot already has a crop named &quot;%1&quot;.</source>
        <translation>Ce cliché a déjà un recadrage nommé « %1 ».</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The crop &quot;%1&quot; was changed or deleted by someone else; nothing was overwritten.</source>
        <translation>Le recadrage « %1 » a été modifié ou supprimé par quelqu’un d’autre ; rien n’a été écrasé.</translation>
    </message>
    <message>
        <location filename="../core/catalog/healthcheck.cpp" line="+44"/>
        <source>a row of %1 points to a missing %2 row</source>
        <translation>une ligne de %1 renvoie à une ligne manquante de %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 tags have a missing parent</source>
        <translation>%1 mots-clés ont un parent manquant</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 shots have more than one current caption</source>
        <translation>%1 clichés ont plus d’une légende courante</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 #%2</source>
        <translation>%1 n° %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 #%2 of %3</source>
        <translation>%1 n° %2 de %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2, %3 of %4 done, started %5</source>
        <translation>%1 : %2, %3 sur %4 faits, commencé le %5</translation>
    </message>
    <message>
        <location filename="../core/catalog/jobrepository.cpp" line="+77"/>
        <source>There is no job %1.</source>
        <translation>Il n’y a pas de tâche %1.</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Job %1 is running somewhere else (or was just resumed by someone else).</source>
        <translation>La tâche %1 tourne ailleurs (ou quelqu’un d’autre vient de la reprendre).</translation>
    </message>
    <message>
        <location filename="../core/catalog/migrations.cpp" line="+21"/>
        <source>initial</source>
        <translation>structure initiale</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>search</source>
        <translation>recherche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>curate</source>
        <translation>curation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>saved searches</source>
        <translation>recherches enregistrées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>curation index</source>
        <translation>index de curation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>curation in set indexes</source>
        <translation>curation dans les index d’ensembles</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The schema migration %1 is missing from the program (%2).</source>
        <translation>La migration de schéma %1 manque dans le programme (%2).</translation>
    </message>
    <message>
        <location filename="../core/catalog/photosetrepository.cpp" line="+71"/>
        <location line="+79"/>
        <source>A photoset needs a name.</source>
        <translation>Une série doit avoir un nom.</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>There is no photoset %1 in the catalog.</source>
        <translation>Il n’y a pas de série %1 dans le catalogue.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>The photoset &quot;%1&quot; was changed by someone else since it was read; nothing was overwritten.</source>
        <translation>La série « %1 » a été modifiée par quelqu’un d’autre depuis sa lecture ; rien n’a été écrasé.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Could not add shots to the photoset</source>
        <translation>Impossible d’ajouter les clichés à la série</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not add a shot to the photoset</source>
        <translation>Impossible d’ajouter un cliché à la série</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Could not put shots back into the photoset</source>
        <translation>Impossible de remettre les clichés dans la série</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not put a shot back into the photoset</source>
        <translation>Impossible de remettre un cliché dans la série</translation>
    </message>
    <message>
        <location line="+66"/>
        <location line="+17"/>
        <source>Shot %1 is not in this photoset.</source>
        <translation>Le cliché %1 n’est pas dans cette série.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not find a place for the shot in the photoset.</source>
        <translation>Impossible de trouver une place pour le cliché dans la série.</translation>
    </message>
    <message>
        <location filename="../core/catalog/queryparser.cpp" line="+24"/>
        <source>Search: %1 at character %2.</source>
        <translation>Recherche : %1 au caractère %2.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>the quote is not closed</source>
        <translation>le guillemet n’est pas fermé</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>only rating can be compared (rating&gt;=3), not &quot;%1&quot;</source>
        <translation>seul rating peut être comparé (rating&gt;=3), pas « %1 »</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a rating comparison cannot be negated; turn it around (rating&lt;3)</source>
        <translation>une comparaison de note ne peut pas être niée ; inversez-la (rating&lt;3)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not a comparison; use =, &lt;, &lt;=, &gt; or &gt;=</source>
        <translation>« %1 » n’est pas une comparaison ; utilisez =, &lt;, &lt;=, &gt; ou &gt;=</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>rating%1 needs a number from 0 to 5</source>
        <translation>rating%1 attend un nombre de 0 à 5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; is not a rating from 0 to 5</source>
        <translation>« %1 » n’est pas une note de 0 à 5</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&quot;%1&quot; is not a photoset number (photoset:#12)</source>
        <translation>« %1 » n’est pas un numéro de série (photoset:#12)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>flag:%1 is unknown; use pick, reject or none</source>
        <translation>flag:%1 est inconnu ; utilisez pick, reject ou none</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>label:%1 is unknown; use red, yellow, green, blue, purple or none</source>
        <translation>label:%1 est inconnu ; utilisez red, yellow, green, blue, purple ou none</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>status:%1 is unknown; use ok, failed, unsupported or missing</source>
        <translation>status:%1 est inconnu ; utilisez ok, failed, unsupported ou missing</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&quot;%1&quot; is not a value of %2 (known: %3)</source>
        <translation>« %1 » n’est pas une valeur de %2 (connues : %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown filter &quot;%1:&quot;; use tag:, rating, flag:, label:, photoset:, status: or an attribute such as time_of_day:</source>
        <translation>filtre inconnu « %1: » ; utilisez tag:, rating, flag:, label:, photoset:, status: ou un attribut comme time_of_day:</translation>
    </message>
    <message>
        <location filename="../core/catalog/savedsearchrepository.cpp" line="+54"/>
        <location line="+62"/>
        <source>A saved search needs a name.</source>
        <translation>Une recherche enregistrée doit avoir un nom.</translation>
    </message>
    <message>
        <location line="-52"/>
        <location line="+59"/>
        <source>There is already a saved search called &quot;%1&quot;.</source>
        <translation>Il existe déjà une recherche enregistrée nommée « %1 ».</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>The saved search %1 no longer exists; it may have been deleted.</source>
        <translation>La recherche enregistrée %1 n’existe plus ; elle a peut-être été supprimée.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The saved search &quot;%1&quot; was changed by someone else since it was read; nothing was overwritten.</source>
        <translation>La recherche enregistrée « %1 » a été modifiée par quelqu’un d’autre depuis sa lecture ; rien n’a été écrasé.</translation>
    </message>
    <message>
        <location filename="../core/catalog/shotrepository.cpp" line="+129"/>
        <source>There is no shot %1 in the catalog.</source>
        <translation>Il n’y a pas de cliché %1 dans le catalogue.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 was changed by someone else since it was read (version %2 is now %3); nothing was overwritten.</source>
        <translation>%1 a été modifié par quelqu’un d’autre depuis sa lecture (la version %2 est maintenant %3) ; rien n’a été écrasé.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The file record of %1</source>
        <translation>L’enregistrement du fichier %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A rating is 0 to 5 stars, not %1.</source>
        <translation>Une note va de 0 à 5 étoiles, pas %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A colour label is 0 (none) to 5, not %1.</source>
        <translation>Une étiquette de couleur va de 0 (aucune) à 5, pas %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The shot %1</source>
        <translation>Le cliché %1</translation>
    </message>
    <message>
        <location filename="../core/catalog/sqlhelpers.cpp" line="+28"/>
        <source>unknown database error</source>
        <translation>erreur de base de données inconnue</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The catalog refused the change: %1</source>
        <translation>Le catalogue a refusé la modification : %1</translation>
    </message>
    <message>
        <location line="+68"/>
        <location line="+7"/>
        <source>Could not prepare a catalog query</source>
        <translation>Impossible de préparer une requête du catalogue</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>The catalog returned no row.</source>
        <translation>Le catalogue n’a renvoyé aucune ligne.</translation>
    </message>
    <message>
        <location filename="../core/catalog/tagrepository.cpp" line="+81"/>
        <source>&quot;%1&quot; is not a tag name.</source>
        <translation>« %1 » n’est pas un nom de mot-clé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+181"/>
        <source>The tag &quot;%1&quot; needs at least one letter or digit.</source>
        <translation>Le mot-clé « %1 » doit contenir au moins une lettre ou un chiffre.</translation>
    </message>
    <message>
        <location line="-154"/>
        <location line="+231"/>
        <source>The tag hierarchy has a cycle at tag %1.</source>
        <translation>La hiérarchie des mots-clés a un cycle au mot-clé %1.</translation>
    </message>
    <message>
        <location line="-226"/>
        <location line="+160"/>
        <location line="+57"/>
        <location line="+148"/>
        <source>There is no tag %1.</source>
        <translation>Il n’y a pas de mot-clé %1.</translation>
    </message>
    <message>
        <location line="-219"/>
        <source>A tag name cannot contain &apos;/&apos;; it separates levels of the hierarchy.</source>
        <translation>Un nom de mot-clé ne peut pas contenir « / » ; il sépare les niveaux de la hiérarchie.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A tag named &quot;%1&quot; already exists at that level.</source>
        <translation>Un mot-clé nommé « %1 » existe déjà à ce niveau.</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>The tag &quot;%1&quot; cannot be merged into itself.</source>
        <translation>Le mot-clé « %1 » ne peut pas être fusionné avec lui-même.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The tag &quot;%1&quot; cannot be merged into &quot;%2&quot;, which is inside it.</source>
        <translation>Le mot-clé « %1 » ne peut pas être fusionné dans « %2 », qui se trouve à l’intérieur.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>The tag &quot;%1&quot; cannot be moved into &quot;%2&quot;, which is inside it.</source>
        <translation>Le mot-clé « %1 » ne peut pas être déplacé dans « %2 », qui se trouve à l’intérieur.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>There is already a top-level tag &quot;%1&quot;; merge the two tags instead.</source>
        <translation>Il existe déjà un mot-clé de premier niveau « %1 » ; fusionnez plutôt les deux mots-clés.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; already has a tag &quot;%2&quot;; merge the two tags instead.</source>
        <translation>« %1 » a déjà un mot-clé « %2 » ; fusionnez plutôt les deux mots-clés.</translation>
    </message>
    <message>
        <location filename="../core/models/shotlistmodel.cpp" line="+66"/>
        <source>Could not read the list of shots from the catalog: %1</source>
        <translation>Impossible de lire la liste des clichés depuis le catalogue : %1</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>There is no photoset %1 in the catalog; it may have been deleted.</source>
        <translation>Il n’y a pas de série %1 dans le catalogue ; elle a peut-être été supprimée.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../app/commandline.cpp" line="+77"/>
        <source>See `stills --help`.</source>
        <translation>Voir `stills --help`.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See `stills %1 --help`.</source>
        <translation>Voir `stills %1 --help`.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Import a folder (recursively) or an image into a photoset.</source>
        <translation>Importe un dossier (récursivement) ou une image dans une série.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List the photosets (default) or the shots (matching QUERY).</source>
        <translation>Liste les séries (par défaut) ou les clichés (correspondant à QUERY).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each attribute&apos;s values, ratings, flags and labels with counts.</source>
        <translation>Les valeurs de chaque attribut, les notes, marqueurs et étiquettes avec leurs nombres.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit every shot matching QUERY; XMP sidecars are rewritten.</source>
        <translation>Modifie chaque cliché correspondant à QUERY ; les fichiers annexes XMP sont réécrits.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report the catalog&apos;s health: integrity, counts, missing files.</source>
        <translation>Indique l’état du catalogue : intégrité, nombres, fichiers manquants.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Build the thumbnails of every readable shot ahead of time.</source>
        <translation>Génère à l’avance les vignettes de tous les clichés lisibles.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import archives (one photoset each), apply JSON metadata,
build thumbnails and check, as one resumable run.</source>
        <extracomment>Keep the line break: the text is printed as two indented lines.</extracomment>
        <translation>Importe des archives (une série chacune), applique les métadonnées JSON,
génère les vignettes et vérifie, en une seule exécution reprenable.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the matching shots with caption sidecars and a manifest.</source>
        <translation>Exporte les clichés correspondants avec des fichiers annexes de légende et un manifeste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Caption the matching shots; each caption is a new version and
the earlier ones are kept.</source>
        <extracomment>Keep the line break: the text is printed as two indented lines.</extracomment>
        <translation>Légender les clichés correspondants ; chaque légende est une nouvelle
version et les précédentes sont conservées.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The catalog: sqlite:///path/catalog.db, a file path, or
postgresql://user[:password]@host[:port]/database.
Default: $STILLS_CATALOG, else %1</source>
        <extracomment>Keep the line breaks: the text is printed as indented lines.</extracomment>
        <translation>Le catalogue : sqlite:///path/catalog.db, un chemin de fichier ou
postgresql://user[:password]@host[:port]/database.
Par défaut : $STILLS_CATALOG, sinon %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show this help; `stills COMMAND --help` for a command.</source>
        <translation>Affiche cette aide ; `stills COMMAND --help` pour une commande.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the version.</source>
        <translation>Affiche la version.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Usage: %1</source>
        <translation>Utilisation : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stills is a gallery for large sets of stills. Without a command it opens the window.</source>
        <translation>Stills est une galerie pour de grands ensembles d’images fixes. Sans commande, il ouvre la fenêtre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commands:</source>
        <translation>Commandes :</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Options:</source>
        <translation>Options :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>QUERY: words (all must match), &quot;a phrase&quot;, -word, tag:Lighting/Low key (quote it:
tag:&quot;A/B c&quot;), rating&gt;=3, flag:pick|reject|none, label:red, photoset:NAME, status:failed,
ATTRIBUTE:VALUE (e.g. time_of_day:night). An empty QUERY &quot;&quot; matches every shot;
put -- before a QUERY that starts with &apos;-&apos; (stills rate -- &quot;-flag:reject&quot; 3).</source>
        <extracomment>The query syntax (tag:, rating&gt;=3, flag:pick|reject|none, label:red, photoset:NAME, status:failed, ATTRIBUTE:VALUE, --) is typed as it is: do not translate it. Keep the line breaks.</extracomment>
        <translation>QUERY : des mots (tous doivent correspondre), &quot;une phrase&quot;, -mot, tag:Lighting/Low key (entre guillemets :
tag:&quot;A/B c&quot;), rating&gt;=3, flag:pick|reject|none, label:red, photoset:NAME, status:failed,
ATTRIBUTE:VALUE (p. ex. time_of_day:night). Une QUERY vide &quot;&quot; correspond à tous les clichés ;
mettez -- devant une QUERY qui commence par « - » (stills rate -- &quot;-flag:reject&quot; 3).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exit codes: 0 all went well, 1 some items failed, 2 usage error or fatal error.
Progress of long work goes to stderr; results go to stdout.</source>
        <translation>Codes de sortie : 0 tout s’est bien passé, 1 certains éléments ont échoué, 2 erreur d’utilisation ou erreur fatale.
La progression des longs travaux va sur stderr ; les résultats vont sur stdout.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>--catalog needs a URL or a path.</source>
        <translation>--catalog attend une URL ou un chemin.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unknown option %1.</source>
        <translation>Option inconnue %1.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Import into the photoset NAME (created if needed) instead of one named after the folder.</source>
        <translation>Importer dans la série NAME (créée si besoin) au lieu d’une série nommée d’après le dossier.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print what would happen to each file; change nothing.</source>
        <translation>Affiche ce qui arriverait à chaque fichier ; ne modifie rien.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+400"/>
        <location line="+311"/>
        <location line="+208"/>
        <location line="+180"/>
        <source>Print the summary as JSON.</source>
        <translation>Affiche le résumé en JSON.</translation>
    </message>
    <message>
        <location line="-1097"/>
        <location line="+307"/>
        <location line="+90"/>
        <location line="+313"/>
        <location line="+208"/>
        <location line="+180"/>
        <source>No progress on stderr.</source>
        <translation>Pas de progression sur stderr.</translation>
    </message>
    <message>
        <location line="-1096"/>
        <source>Threads for hashing and metadata (default: one per core).</source>
        <translation>Threads pour le hachage et les métadonnées (par défaut : un par cœur).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A folder (searched recursively) or an image file.</source>
        <translation>Un dossier (parcouru récursivement) ou un fichier image.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import images into the catalog. Running it again on the same folder adds nothing new, updates changed files and recognises moved ones.</source>
        <translation>Importe des images dans le catalogue. Relancé sur le même dossier, il n’ajoute rien de nouveau, met à jour les fichiers modifiés et reconnaît ceux qui ont été déplacés.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give exactly one folder or file to import.</source>
        <translation>indiquez exactement un dossier ou un fichier à importer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+398"/>
        <source>--workers takes a number of threads.</source>
        <translation>--workers attend un nombre de threads.</translation>
    </message>
    <message>
        <location line="-365"/>
        <source>Checking</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Importing</source>
        <translation>Importation</translation>
    </message>
    <message numerus="yes">
        <location line="+58"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n fichier</numerusform>
            <numerusform>%n fichiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n added</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n ajouté</numerusform>
            <numerusform>%n ajoutés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n updated</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n mis à jour</numerusform>
            <numerusform>%n mis à jour</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n moved</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n déplacé</numerusform>
            <numerusform>%n déplacés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n unchanged</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n inchangé</numerusform>
            <numerusform>%n inchangés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n failed</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n unsupported</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n non pris en charge</numerusform>
            <numerusform>%n non pris en charge</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dry run, nothing written. Would import into new photoset &quot;%1&quot;%2: %3.</source>
        <translation>Simulation, rien n’a été écrit. Importerait dans la nouvelle série « %1 »%2 : %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dry run, nothing written. Would import into existing photoset &quot;%1&quot;%2: %3.</source>
        <translation>Simulation, rien n’a été écrit. Importerait dans la série existante « %1 »%2 : %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled; kept what was done in new photoset &quot;%1&quot;%2: %3.</source>
        <translation>Annulé ; ce qui a été fait est conservé dans la nouvelle série « %1 »%2 : %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled; kept what was done in existing photoset &quot;%1&quot;%2: %3.</source>
        <translation>Annulé ; ce qui a été fait est conservé dans la série existante « %1 »%2 : %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported into new photoset &quot;%1&quot;%2: %3.</source>
        <translation>Importé dans la nouvelle série « %1 »%2 : %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported into existing photoset &quot;%1&quot;%2: %3.</source>
        <translation>Importé dans la série existante « %1 »%2 : %3.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>One JSON object per line.</source>
        <translation>Un objet JSON par ligne.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>photosets (default) or shots.</source>
        <translation>photosets (par défaut) ou shots.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With shots: only those matching QUERY.</source>
        <translation>Avec shots : seulement ceux qui correspondent à QUERY.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List what the catalog holds.</source>
        <translation>Liste ce que contient le catalogue.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>say `photosets` or `shots`.</source>
        <translation>indiquez `photosets` ou `shots`.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>SHOTS</source>
        <translation>CLICHÉS</translation>
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
        <translation>NOM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SOURCE</source>
        <translation>SOURCE</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>STATUS</source>
        <translation>ÉTAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FORMAT</source>
        <translation>FORMAT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SIZE</source>
        <translation>TAILLE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PATH</source>
        <translation>CHEMIN</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Do not look for the shots&apos; files on disk.</source>
        <translation>Ne pas chercher les fichiers des clichés sur le disque.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the report as JSON.</source>
        <translation>Affiche le rapport en JSON.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check the catalog: database integrity, counts, files missing on disk, interrupted work. Exit code 1 when something needs attention.</source>
        <translation>Vérifie le catalogue : intégrité de la base, nombres, fichiers absents du disque, travaux interrompus. Code de sortie 1 quand quelque chose demande attention.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+549"/>
        <source>Checking files</source>
        <translation>Vérification des fichiers</translation>
    </message>
    <message>
        <location line="-519"/>
        <source>Catalog</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Integrity</source>
        <translation>Intégrité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photosets</source>
        <translation>Séries</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shots</source>
        <translation>Clichés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Mots-clés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Captions</source>
        <translation>Légendes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crops</source>
        <translation>Recadrages</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interrupted</source>
        <translation>Interrompu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (schema %2)</source>
        <translation>%1 (schéma %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problème</numerusform>
            <numerusform>%n problèmes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n readable</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n lisible</numerusform>
            <numerusform>%n lisibles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+912"/>
        <source>%n failed</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-911"/>
        <source>%n unsupported</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n non pris en charge</numerusform>
            <numerusform>%n non pris en charge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n checked</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n vérifié</numerusform>
            <numerusform>%n vérifiés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n missing on disk</source>
        <comment>files</comment>
        <translation>
            <numerusform>%n manquant sur le disque</numerusform>
            <numerusform>%n manquants sur le disque</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>missing: %1</source>
        <translation>manquant : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — run it again to finish it</source>
        <translation>%1 — relancez-le pour le terminer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Healthy.</source>
        <translation>En bon état.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Needs attention.</source>
        <translation>Demande attention.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Long edge: 256 (default), 512 or 1024.</source>
        <translation>Grand côté : 256 (par défaut), 512 ou 1024.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rebuild thumbnails that already exist.</source>
        <translation>Régénérer les vignettes qui existent déjà.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cache folder (default: %1).</source>
        <translation>Le dossier de cache (par défaut : %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decoding threads (default: one per core).</source>
        <translation>Threads de décodage (par défaut : un par cœur).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Build the thumbnails of every readable shot into the thumbnail cache, so that the window shows them at once.</source>
        <translation>Génère les vignettes de tous les clichés lisibles dans le cache des vignettes, pour que la fenêtre les affiche aussitôt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>takes no arguments.</source>
        <translation>ne prend aucun argument.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--size is 256, 512 or 1024.</source>
        <translation>--size vaut 256, 512 ou 1024.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+415"/>
        <source>Thumbnails</source>
        <translation>Vignettes</translation>
    </message>
    <message numerus="yes">
        <location line="-387"/>
        <location line="+430"/>
        <location line="+164"/>
        <source>%n shot(s)</source>
        <translation>
            <numerusform>%n cliché</numerusform>
            <numerusform>%n clichés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-593"/>
        <location line="+403"/>
        <source>%n built</source>
        <comment>thumbnails</comment>
        <translation>
            <numerusform>%n générée</numerusform>
            <numerusform>%n générées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-402"/>
        <location line="+403"/>
        <source>%n already there</source>
        <comment>thumbnails</comment>
        <translation>
            <numerusform>%n déjà présente</numerusform>
            <numerusform>%n déjà présentes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-402"/>
        <location line="+403"/>
        <source>%n failed</source>
        <comment>thumbnails</comment>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message>
        <location line="-401"/>
        <source>Cancelled; %1 px thumbnails in %2: %3.</source>
        <translation>Annulé ; vignettes de %1 px dans %2 : %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done: %1 px thumbnails in %2: %3.</source>
        <translation>Terminé : vignettes de %1 px dans %2 : %3.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Print the counts as one JSON object.</source>
        <translation>Affiche les nombres en un seul objet JSON.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also list values with a count of 0.</source>
        <translation>Lister aussi les valeurs dont le nombre est 0.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Count within the shots matching QUERY.</source>
        <translation>Compter parmi les clichés correspondant à QUERY.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Count, for every attribute value, rating, flag and colour label, the shots that would match if that value were added to QUERY.</source>
        <translation>Compte, pour chaque valeur d’attribut, note, marqueur et étiquette de couleur, les clichés qui correspondraient si cette valeur était ajoutée à QUERY.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give the query as one argument (quote it).</source>
        <translation>donnez la requête en un seul argument (entre guillemets).</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Add this tag (repeat for more).</source>
        <translation>Ajouter ce mot-clé (à répéter pour plusieurs).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove this tag (repeat for more).</source>
        <translation>Retirer ce mot-clé (à répéter pour plusieurs).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change the catalog only; do not write XMP sidecars.</source>
        <translation>Modifier seulement le catalogue ; ne pas écrire de fichiers annexes XMP.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the result as JSON.</source>
        <translation>Affiche le résultat en JSON.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Which shots (quote it; &quot;&quot; for all).</source>
        <translation>Quels clichés (entre guillemets ; &quot;&quot; pour tous).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add and remove hierarchical tags (&quot;Lighting/Low key&quot;) on every shot matching QUERY.</source>
        <translation>Ajoute et retire des mots-clés hiérarchiques (« Lighting/Low key ») sur chaque cliché correspondant à QUERY.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0 to 5.</source>
        <translation>0 à 5.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the rating of every shot matching QUERY.</source>
        <translation>Définit la note de chaque cliché correspondant à QUERY.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pick, reject or none.</source>
        <translation>pick, reject ou none.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag every shot matching QUERY.</source>
        <translation>Pose un marqueur sur chaque cliché correspondant à QUERY.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>red, yellow, green, blue, purple or none.</source>
        <translation>red, yellow, green, blue, purple ou none.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the colour label of every shot matching QUERY.</source>
        <translation>Définit l’étiquette de couleur de chaque cliché correspondant à QUERY.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attribute key and option values (comma-separated for multi-valued attributes; empty to clear), e.g. time_of_day=night.</source>
        <translation>Clé d’attribut et valeurs d’option (séparées par des virgules pour les attributs à plusieurs valeurs ; vide pour effacer), p. ex. time_of_day=night.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set attribute values on every shot matching QUERY.</source>
        <translation>Définit des valeurs d’attribut sur chaque cliché correspondant à QUERY.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>see `stills %1 --help` for the arguments.</source>
        <translation>voir `stills %1 --help` pour les arguments.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>say which tags to --add or --remove.</source>
        <translation>indiquez quels mots-clés ajouter avec --add ou retirer avec --remove.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>a rating is 0 to 5 stars, not &quot;%1&quot;.</source>
        <translation>une note va de 0 à 5 étoiles, pas « %1 ».</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>say pick, reject or none, not &quot;%1&quot;.</source>
        <translation>indiquez pick, reject ou none, pas « %1 ».</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>say red, yellow, green, blue, purple or none, not &quot;%1&quot;.</source>
        <translation>indiquez red, yellow, green, blue, purple ou none, pas « %1 ».</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not ATTRIBUTE=VALUE.</source>
        <translation>« %1 » n’est pas ATTRIBUTE=VALUE.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Nothing was changed.</source>
        <translation>Rien n’a été modifié.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>sidecar not written: %1: %2</source>
        <translation>fichier annexe non écrit : %1 : %2</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n shot(s) matched</source>
        <translation>
            <numerusform>%n cliché correspond</numerusform>
            <numerusform>%n clichés correspondent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n changed</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n modifié</numerusform>
            <numerusform>%n modifiés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n sidecar(s) written</source>
        <translation>
            <numerusform>%n fichier annexe écrit</numerusform>
            <numerusform>%n fichiers annexes écrits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n sidecar(s) NOT written (the catalog has the change)</source>
        <translation>
            <numerusform>%n fichier annexe NON écrit (le catalogue contient la modification)</numerusform>
            <numerusform>%n fichiers annexes NON écrits (le catalogue contient la modification)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A folder of ZIP, RAR or 7z archives (searched recursively), or one archive.</source>
        <translation>Un dossier d’archives ZIP, RAR ou 7z (parcouru récursivement), ou une seule archive.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A folder of .json files, one per photoset, matched by name.</source>
        <translation>Un dossier de fichiers .json, un par série, associés par leur nom.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where archives are unpacked (default: $STILLS_STORAGE, else %1).</source>
        <translation>Où les archives sont décompressées (par défaut : $STILLS_STORAGE, sinon %1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report what would happen; change nothing.</source>
        <translation>Indique ce qui se passerait ; ne modifie rien.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do not build thumbnails.</source>
        <translation>Ne pas générer de vignettes.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bring a collection of archives and their JSON metadata into the catalog: unpack and import each archive as a photoset (safely: images only, nothing outside the storage folder, bombs refused), apply the metadata, build thumbnails, then check. Run it again to resume; finished archives are skipped.</source>
        <translation>Fait entrer une collection d’archives et leurs métadonnées JSON dans le catalogue : décompresse et importe chaque archive comme une série (en sécurité : images seulement, rien hors du dossier de stockage, bombes refusées), applique les métadonnées, génère les vignettes, puis vérifie. Relancez pour reprendre ; les archives terminées sont ignorées.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>give --archives DIR (and optionally --metadata DIR).</source>
        <translation>indiquez --archives DIR (et éventuellement --metadata DIR).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Archives</source>
        <translation>Archives</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>cancelled; run it again to resume.</source>
        <translation>annulé ; relancez pour reprendre.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Archives: %1.</source>
        <translation>Archives : %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n imported</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n importée</numerusform>
            <numerusform>%n importées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n skipped (imported before)</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n ignorée (déjà importée)</numerusform>
            <numerusform>%n ignorées (déjà importées)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n partial</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n partielle</numerusform>
            <numerusform>%n partielles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n refused</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n refusée</numerusform>
            <numerusform>%n refusées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n failed</source>
        <comment>archives</comment>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Metadata: %1.</source>
        <translation>Métadonnées : %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n applied</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n appliqué</numerusform>
            <numerusform>%n appliqués</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n unchanged</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n inchangé</numerusform>
            <numerusform>%n inchangés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n unmatched</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n sans correspondance</numerusform>
            <numerusform>%n sans correspondance</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n malformed</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n mal formé</numerusform>
            <numerusform>%n mal formés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <comment>metadata files</comment>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dry run, nothing written.</source>
        <translation>Simulation, rien n’a été écrit.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Thumbnails: %1.</source>
        <translation>Vignettes : %1.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Check: %1, %2; %3</source>
        <translation>Vérification : %1, %2 ; %3</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n missing file(s)</source>
        <translation>
            <numerusform>%n fichier manquant</numerusform>
            <numerusform>%n fichiers manquants</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>healthy.</source>
        <translation>en bon état.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>needs attention (see `stills check`).</source>
        <translation>demande attention (voir `stills check`).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>OUT.zip, or a folder that does not exist yet.</source>
        <translation>OUT.zip, ou un dossier qui n’existe pas encore.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the saved export recipe NAME.</source>
        <translation>Utiliser la recette d’exportation enregistrée NAME.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save this command&apos;s choices as recipe NAME (replaces one of that name).</source>
        <translation>Enregistrer les choix de cette commande comme recette NAME (remplace celle du même nom).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the crop NAME of each shot (the whole image where it has none).</source>
        <translation>Exporter le recadrage NAME de chaque cliché (l’image entière quand il n’en a pas).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export every named crop of each shot.</source>
        <translation>Exporter chaque recadrage nommé de chaque cliché.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale down to this long edge.</source>
        <translation>Réduire à ce grand côté.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scale and centre-cut to a PX x PX square.</source>
        <translation>Mettre à l’échelle et couper au centre en un carré de PX x PX.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>jpeg, png or webp (re-encodes).</source>
        <translation>jpeg, png ou webp (réencode).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JPEG/WebP quality 1-100 (default 92).</source>
        <translation>Qualité JPEG/WebP 1-100 (par défaut 92).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caption sidecars: txt (default), caption or none.</source>
        <translation>Fichiers annexes de légende : txt (par défaut), caption ou none.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the shots of the saved search NAME (a smart photoset of the window); a QUERY, if given, narrows it further.</source>
        <translation>Exporter les clichés de la recherche enregistrée NAME (une série intelligente de la fenêtre) ; une QUERY, si elle est donnée, la restreint encore.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+176"/>
        <source>Which shots (see `stills --help`); &quot;&quot; for all, photoset:NAME for a photoset.</source>
        <translation>Quels clichés (voir `stills --help`) ; &quot;&quot; pour tous, photoset:NAME pour une série.</translation>
    </message>
    <message>
        <location line="-172"/>
        <source>Export the shots matching QUERY to a ZIP or a folder: originals or crops rendered from them, one caption sidecar per image and metadata.jsonl. Nothing is written under the target name unless the export finishes.</source>
        <translation>Exporte les clichés correspondant à QUERY dans un ZIP ou un dossier : originaux ou recadrages rendus à partir d’eux, un fichier annexe de légende par image et metadata.jsonl. Rien n’est écrit sous le nom de la cible tant que l’exportation n’est pas terminée.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>give one QUERY (or --saved-search NAME) and --to OUT.</source>
        <translation>indiquez une QUERY (ou --saved-search NAME) et --to OUT.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>--caption is txt, caption or none.</source>
        <translation>--caption vaut txt, caption ou none.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--max-edge, --training-size and --quality take numbers.</source>
        <translation>--max-edge, --training-size et --quality attendent des nombres.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>there is no saved search called &quot;%1&quot;.</source>
        <translation>il n’y a pas de recherche enregistrée nommée « %1 ».</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exporting</source>
        <translation>Exportation</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Exported %1 (%2) from %3 to %4; %5.</source>
        <extracomment>%1 images, %2 caption files, %3 shots, %4 the ZIP or folder, %5 shots skipped.</extracomment>
        <translation>Exporté : %1 (%2) depuis %3 vers %4 ; %5.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
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
            <numerusform>%n fichier de légende</numerusform>
            <numerusform>%n fichiers de légende</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n skipped</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n ignoré</numerusform>
            <numerusform>%n ignorés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>builtin (default: composed from the pixels, attributes, tags and lens; no model), openai (an OpenAI-compatible server with a vision model: llama.cpp, Ollama, vLLM, LM Studio) or torchscript (a TorchScript model run by stills-infer).</source>
        <extracomment>Keep the words builtin, openai and torchscript: they are what one types.</extracomment>
        <translation>builtin (par défaut : composée à partir des pixels, des attributs, des mots-clés et de l’objectif ; sans modèle), openai (un serveur compatible OpenAI avec un modèle de vision : llama.cpp, Ollama, vLLM, LM Studio) ou torchscript (un modèle TorchScript exécuté par stills-infer).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Leave alone the shots whose caption was typed by hand.</source>
        <translation>Ne pas toucher aux clichés dont la légende a été saisie à la main.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run caption job JOB again: the shots it captioned already are skipped, the others (failed, not reached) are captioned.</source>
        <translation>Relancer la tâche de légendes JOB : les clichés déjà légendés par elle sont ignorés, les autres (en échec, non atteints) sont légendés.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>openai: the server&apos;s URL, e.g. http://localhost:8080/v1 (default: the one in Preferences).</source>
        <translation>openai : l’URL du serveur, par exemple http://localhost:8080/v1 (par défaut : celle des Préférences).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>openai: the model (default: the one in Preferences).</source>
        <translation>openai : le modèle (par défaut : celui des Préférences).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>openai: the prompt; {tags}, {attributes}, {title}, {lens}, {camera} and {file} are filled in per shot (default: the one in Preferences).</source>
        <translation>openai : le prompt ; {tags}, {attributes}, {title}, {lens}, {camera} et {file} sont remplis pour chaque cliché (par défaut : celui des Préférences).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>torchscript: the model file (default: the one in Preferences, with its input size, mean and std).</source>
        <translation>torchscript : le fichier du modèle (par défaut : celui des Préférences, avec sa taille d’entrée, sa moyenne et son écart type).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>openai and torchscript: fail a shot when the server or the model answers nothing for this long (default 120).</source>
        <translation>openai et torchscript : un cliché échoue quand le serveur ou le modèle ne répond rien pendant ce temps (120 par défaut).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print each new caption: the image&apos;s path, a tab, the caption.</source>
        <translation>Afficher chaque nouvelle légende : le chemin de l’image, une tabulation, la légende.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Caption the shots matching QUERY. Each caption is stored as a new version with its source (generator, model, prompt) and becomes the current one; earlier versions stay in the history. A shot that fails is listed with the reason and the rest goes on. The API key of an openai server is read from %1 (key caption/apiKey), never from the command line or the catalog.</source>
        <extracomment>%1 is the path of the secrets file.</extracomment>
        <translation>Légender les clichés qui correspondent à QUERY. Chaque légende est enregistrée comme nouvelle version avec sa source (générateur, modèle, prompt) et devient la légende actuelle ; les versions précédentes restent dans l’historique. Un cliché en échec est listé avec la raison et le reste continue. La clé d’API d’un serveur openai est lue dans %1 (clé caption/apiKey), jamais sur la ligne de commande ni dans le catalogue.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>give one QUERY, or --resume JOB without one.</source>
        <translation>indiquez une QUERY, ou --resume JOB sans QUERY.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--resume takes a job number.</source>
        <translation>--resume attend un numéro de tâche.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a resumed job keeps its own --only-unedited; leave it out.</source>
        <translation>une tâche reprise garde son propre --only-unedited ; omettez-le.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--generator is builtin, openai or torchscript, not &quot;%1&quot;.</source>
        <translation>--generator vaut builtin, openai ou torchscript, pas « %1 ».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--timeout takes a number of seconds (1 to 86400).</source>
        <translation>--timeout attend un nombre de secondes (de 1 à 86400).</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>--url, --model and --prompt are for --generator openai.</source>
        <translation>--url, --model et --prompt sont pour --generator openai.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--model-file is for --generator torchscript.</source>
        <translation>--model-file est pour --generator torchscript.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--timeout is for --generator openai or torchscript.</source>
        <translation>--timeout est pour --generator openai ou torchscript.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&quot;%1&quot; is not an http:// or https:// URL of a server.</source>
        <translation>« %1 » n’est pas une URL http:// ou https:// de serveur.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>no TorchScript model is chosen: give --model-file PATH, or choose one in Preferences, Captions.</source>
        <translation>aucun modèle TorchScript n’est choisi : indiquez --model-file PATH, ou choisissez-en un dans Préférences, Légendes.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the TorchScript model %1 does not exist.</source>
        <translation>le modèle TorchScript %1 n’existe pas.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Captioning</source>
        <translation>Légendes</translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>%1 of %n shot(s)</source>
        <extracomment>&quot;3 of 5 shots&quot;: %1 is the number captioned, %n the number in the job.</extracomment>
        <translation>
            <numerusform>%1 sur %n cliché</numerusform>
            <numerusform>%1 sur %n clichés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left alone (typed by hand)</source>
        <comment>shots</comment>
        <translation>
            <numerusform>%n laissé tel quel (saisi à la main)</numerusform>
            <numerusform>%n laissés tels quels (saisis à la main)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled; captioned %1 with %2 (job %3): %4, %5</source>
        <translation>Annulé ; légendé %1 avec %2 (tâche %3) : %4, %5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Captioned %1 with %2 (job %3): %4, %5</source>
        <extracomment>%1 &quot;3 of 5 shots&quot;, %2 the generator (and its model), %3 the job&apos;s number, %4 &quot;1 failed&quot;, %5 &quot;0 left alone (typed by hand)&quot;.</extracomment>
        <translation>Légendé %1 avec %2 (tâche %3) : %4, %5</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n captioned by this job before</source>
        <comment>shots</comment>
        <translation>
            <numerusform>, %n déjà légendé par cette tâche</numerusform>
            <numerusform>, %n déjà légendés par cette tâche</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run `stills caption --resume %1` to go on.</source>
        <translation>Lancez `stills caption --resume %1` pour continuer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run `stills caption --resume %1` to try the failed ones again.</source>
        <translation>Lancez `stills caption --resume %1` pour réessayer ceux en échec.</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>unknown command &quot;%1&quot;; the commands are %2.</source>
        <translation>commande inconnue « %1 » ; les commandes sont %2.</translation>
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
    <name>Curator</name>
    <message>
        <location filename="../core/curating/curator.cpp" line="+41"/>
        <source>Unknown field &quot;%1&quot;.</source>
        <translation>Champ inconnu « %1 ».</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not change the selection: %1</source>
        <translation>Impossible de modifier la sélection : %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not read the selection: %1</source>
        <translation>Impossible de lire la sélection : %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A rating is 0 to 5 stars, not %1.</source>
        <translation>Une note va de 0 à 5 étoiles, pas %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A colour label is 0 (none) to 5, not %1.</source>
        <translation>Une étiquette de couleur va de 0 (aucune) à 5, pas %1.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Could not tag the selection with %1: %2</source>
        <translation>Impossible d’ajouter le mot-clé %1 à la sélection : %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not remove the tag %1 from the selection: %2</source>
        <translation>Impossible de retirer le mot-clé %1 de la sélection : %2</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>There is no shot %1.</source>
        <translation>Il n’y a pas de cliché %1.</translation>
    </message>
</context>
<context>
    <name>EditCommands</name>
    <message numerus="yes">
        <location filename="../ui/editcommands.cpp" line="+48"/>
        <source>Tag &quot;%1&quot; (%n shot(s))</source>
        <translation>
            <numerusform>Mot-clé « %1 » (%n cliché)</numerusform>
            <numerusform>Mot-clé « %1 » (%n clichés)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Add %1 Tags (%n shot(s))</source>
        <translation>
            <numerusform>Ajouter %1 mots-clés (%n cliché)</numerusform>
            <numerusform>Ajouter %1 mots-clés (%n clichés)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Remove Tag &quot;%1&quot; (%n shot(s))</source>
        <translation>
            <numerusform>Retirer le mot-clé « %1 » (%n cliché)</numerusform>
            <numerusform>Retirer le mot-clé « %1 » (%n clichés)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Remove %1 Tags (%n shot(s))</source>
        <translation>
            <numerusform>Retirer %1 mots-clés (%n cliché)</numerusform>
            <numerusform>Retirer %1 mots-clés (%n clichés)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Change Tags (%n shot(s))</source>
        <translation>
            <numerusform>Modifier les mots-clés (%n cliché)</numerusform>
            <numerusform>Modifier les mots-clés (%n clichés)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+51"/>
        <source>Clear %1 (%n shot(s))</source>
        <translation>
            <numerusform>Effacer %1 (%n cliché)</numerusform>
            <numerusform>Effacer %1 (%n clichés)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Set %1 (%n shot(s))</source>
        <translation>
            <numerusform>Définir %1 (%n cliché)</numerusform>
            <numerusform>Définir %1 (%n clichés)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+36"/>
        <source>New Photoset &quot;%1&quot;</source>
        <translation>Nouvelle série « %1 »</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>New Photoset &quot;%1&quot; (%n shot(s))</source>
        <translation>
            <numerusform>Nouvelle série « %1 » (%n cliché)</numerusform>
            <numerusform>Nouvelle série « %1 » (%n clichés)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+40"/>
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
    <message numerus="yes">
        <location line="+15"/>
        <source>Add %n Shot(s) to &quot;%1&quot;</source>
        <translation>
            <numerusform>Ajouter %n cliché à « %1 »</numerusform>
            <numerusform>Ajouter %n clichés à « %1 »</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>Remove %n Shot(s) from &quot;%1&quot;</source>
        <translation>
            <numerusform>Retirer %n cliché de « %1 »</numerusform>
            <numerusform>Retirer %n clichés de « %1 »</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Reorder %n Shot(s)</source>
        <translation>
            <numerusform>Réordonner %n cliché</numerusform>
            <numerusform>Réordonner %n clichés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Imaging</name>
    <message>
        <location filename="../core/imaging/imagedecoder.cpp" line="+82"/>
        <source>the data is damaged or uses a variant of the format that cannot be decoded</source>
        <translation>les données sont endommagées ou utilisent une variante du format qui ne peut pas être décodée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 n’a pas pu être lu : %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not in an image format Stills can decode</source>
        <translation>%1 n’est pas dans un format d’image que Stills sait décoder</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 could not be decoded: %2</source>
        <translation>%1 n’a pas pu être décodé : %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The image is %1 × %2 pixels (%3 megapixels); Stills does not decode images over %4 megapixels</source>
        <translation>L’image fait %1 × %2 pixels (%3 mégapixels) ; Stills ne décode pas les images de plus de %4 mégapixels</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>The file is not a JPEG image, so it has no embedded EXIF preview</source>
        <translation>Le fichier n’est pas une image JPEG, il n’a donc pas d’aperçu EXIF intégré</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>A thumbnail needs a size of at least one pixel</source>
        <translation>Une vignette doit mesurer au moins un pixel</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+81"/>
        <source>The file could not be opened: %1</source>
        <translation>Le fichier n’a pas pu être ouvert : %1</translation>
    </message>
    <message>
        <location line="-72"/>
        <location line="+46"/>
        <source>The image</source>
        <translation>L’image</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>The image is %1 × %2 pixels; decoding it would need more than %3 MiB of memory</source>
        <translation>L’image fait %1 × %2 pixels ; la décoder demanderait plus de %3 Mio de mémoire</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The file has no embedded EXIF preview</source>
        <translation>Le fichier n’a pas d’aperçu EXIF intégré</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+3"/>
        <source>The embedded EXIF preview is damaged</source>
        <translation>L’aperçu EXIF intégré est endommagé</translation>
    </message>
    <message>
        <location filename="../core/imaging/thumbnailbuilder.cpp" line="+75"/>
        <location filename="../core/imaging/thumbnailcache.cpp" line="+373"/>
        <source>Thumbnails are 256, 512 or 1024 pixels, not %1</source>
        <translation>Les vignettes font 256, 512 ou 1024 pixels, pas %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The thumbnail cache “%1” could not be created</source>
        <translation>Le cache des vignettes « %1 » n’a pas pu être créé</translation>
    </message>
    <message>
        <location filename="../core/imaging/thumbnailcache.cpp" line="-265"/>
        <source>The thumbnail folder “%1” could not be created</source>
        <translation>Le dossier des vignettes « %1 » n’a pas pu être créé</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The thumbnail could not be encoded: %1</source>
        <translation>La vignette n’a pas pu être encodée : %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+5"/>
        <location line="+3"/>
        <source>The thumbnail “%1” could not be written: %2</source>
        <translation>La vignette « %1 » n’a pas pu être écrite : %2</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>the disk is full or the file too large</source>
        <translation>le disque est plein ou le fichier trop grand</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>The shot has no valid content hash</source>
        <translation>Le cliché n’a pas d’empreinte de contenu valide</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>“%1” is not a content hash</source>
        <translation>« %1 » n’est pas une empreinte de contenu</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <location filename="../core/importing/folderimporter.cpp" line="+104"/>
        <location line="+48"/>
        <source>There is no file or folder %1.</source>
        <translation>Il n’y a pas de fichier ou de dossier %1.</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>%1 cannot be read (permission denied).</source>
        <translation>%1 ne peut pas être lu (permission refusée).</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The catalog is open read-only.</source>
        <translation>Le catalogue est ouvert en lecture seule.</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>changed on disk</source>
        <translation>modifié sur le disque</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>moved from %1</source>
        <translation>déplacé depuis %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>its XMP sidecar was not read: %1</source>
        <translation>son fichier annexe XMP n’a pas été lu : %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The import stopped at %1: %2</source>
        <translation>L’importation s’est arrêtée à %1 : %2</translation>
    </message>
</context>
<context>
    <name>InferenceClient</name>
    <message>
        <location filename="../core/captioning/inferenceclient.cpp" line="+89"/>
        <source>The model worker %1 could not be started: %2. Is the stills-infer package installed?</source>
        <translation>Le processus du modèle %1 n’a pas pu être démarré : %2. Le paquet stills-infer est-il installé ?</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The model worker answered something that is not JSON (%1); it was stopped.</source>
        <translation>Le processus du modèle a répondu quelque chose qui n’est pas du JSON (%1) ; il a été arrêté.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The model worker stopped unexpectedly (it crashed or was killed).</source>
        <translation>Le processus du modèle s’est arrêté de façon inattendue (plantage ou arrêt forcé).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model worker quit with exit code %1.</source>
        <translation>Le processus du modèle s’est terminé avec le code de sortie %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It said: %1</source>
        <translation>Message : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It will be restarted for the next shot.</source>
        <translation>Il sera redémarré pour le cliché suivant.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The model worker did not answer within %1 s; it was stopped and will be restarted for the next shot.</source>
        <translation>Le processus du modèle n’a pas répondu dans les %1 s ; il a été arrêté et sera redémarré pour le cliché suivant.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No TorchScript model is chosen. Choose one in Preferences, Captions.</source>
        <translation>Aucun modèle TorchScript n’est choisi. Choisissez-en un dans Préférences, Légendes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The TorchScript model %1 does not exist.</source>
        <translation>Le modèle TorchScript %1 n’existe pas.</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <location filename="../app/infer/main.cpp" line="+86"/>
        <source>&quot;%1&quot; could not be loaded as a TorchScript model: %2</source>
        <translation>« %1 » n’a pas pu être chargé comme modèle TorchScript : %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; has no forward() method to run.</source>
        <translation>« %1 » n’a pas de méthode forward() à exécuter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The labels() method of &quot;%1&quot; does not return a list of strings: %2</source>
        <translation>La méthode labels() de « %1 » ne renvoie pas une liste de chaînes : %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The image was not prepared at the model&apos;s input size.</source>
        <translation>L’image n’a pas été préparée à la taille d’entrée du modèle.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model failed on this image: %1</source>
        <translation>Le modèle a échoué sur cette image : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model answered a %1; Stills understands a string (a caption) or a tensor of scores (tags).</source>
        <translation>Le modèle a répondu un(e) %1 ; Stills comprend une chaîne (une légende) ou un tenseur de scores (mots-clés).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model answered no scores.</source>
        <translation>Le modèle n’a répondu aucun score.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The model input size must be 8 to 4096 pixels, not %1.</source>
        <translation>La taille d’entrée du modèle doit être de 8 à 4096 pixels, pas %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The normalisation std must not be 0.</source>
        <translation>L’écart type de normalisation ne doit pas être 0.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No model file is set.</source>
        <translation>Aucun fichier de modèle n’est défini.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No model is loaded.</source>
        <translation>Aucun modèle n’est chargé.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Unknown request &quot;%1&quot;.</source>
        <translation>Requête inconnue « %1 ».</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The request is not a JSON object: %1</source>
        <translation>La requête n’est pas un objet JSON : %1</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <location filename="../core/jobs/jobkinds.cpp" line="+137"/>
        <location line="+18"/>
        <source>Captioning failed: %1</source>
        <translation>Échec du légendage : %1</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Captioning cancelled: %n caption(s) stored</source>
        <translation>
            <numerusform>Légendage annulé : %n légende enregistrée</numerusform>
            <numerusform>Légendage annulé : %n légendes enregistrées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Captioned %n shot(s)</source>
        <translation>
            <numerusform>%n cliché légendé</numerusform>
            <numerusform>%n clichés légendés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left alone (typed by hand)</source>
        <translation>
            <numerusform>%n laissé tel quel (saisi à la main)</numerusform>
            <numerusform>%n laissés tels quels (saisis à la main)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n captioned before</source>
        <translation>
            <numerusform>%n déjà légendé</numerusform>
            <numerusform>%n déjà légendés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Import failed: %1</source>
        <translation>Échec de l’importation : %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 “%2”: %3 added, %4 updated, %5 moved, %6 unchanged, %7 failed, %8 unsupported.</source>
        <translation>%1 « %2 » : %3 ajoutés, %4 mis à jour, %5 déplacés, %6 inchangés, %7 en échec, %8 non pris en charge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import cancelled, kept what was done in</source>
        <translation>Importation annulée, ce qui est fait reste dans</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Imported into</source>
        <translation>Importé dans</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>Exportation annulée ; rien n’a été écrit.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exported %1 images (%2 caption files) from %3 shots to %4; %5 skipped.</source>
        <translation>%1 images (%2 fichiers de légende) de %3 clichés exportées vers %4 ; %5 ignorés.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Archives: %1 imported, %2 skipped, %3 partial, %4 refused, %5 failed%6.</source>
        <translation>Archives : %1 importées, %2 ignorées, %3 partielles, %4 refusées, %5 en échec%6.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (cancelled; run it again to resume)</source>
        <translation> (annulé ; relancez pour reprendre)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Thumbnails cancelled: %1 made, %2 already there, %3 failed.</source>
        <translation>Vignettes annulées : %1 créées, %2 déjà présentes, %3 en échec.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thumbnails: %1 made, %2 already there, %3 failed.</source>
        <translation>Vignettes : %1 créées, %2 déjà présentes, %3 en échec.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The caption server &quot;%1&quot; in Preferences is not an http:// or https:// address.</source>
        <translation>Le serveur de légendes « %1 » des préférences n’est pas une adresse http:// ou https://.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No TorchScript model is chosen. Choose one in Preferences, Captions.</source>
        <translation>Aucun modèle TorchScript n’est choisi. Choisissez-en un dans Préférences, Légendes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The TorchScript model %1 does not exist.</source>
        <translation>Le modèle TorchScript %1 n’existe pas.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 at %2</source>
        <extracomment>%1 the model, %2 the server&apos;s address</extracomment>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the built-in captioner</source>
        <translation>le légendeur intégré</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 — %2: %3</source>
        <extracomment>%1 the archive, %2 what happened to it (imported, skipped…), %3 the details</extracomment>
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
        <location filename="../core/jobs/jobqueue.cpp" line="+71"/>
        <source>There is no kind of job called &quot;%1&quot;.</source>
        <translation>Il n’existe pas de type de tâche « %1 ».</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cancelled before it started.</source>
        <translation>Annulée avant de commencer.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Job %1 is not running here.</source>
        <translation>La tâche %1 ne tourne pas ici.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Job %1 is running already.</source>
        <translation>La tâche %1 tourne déjà.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Jobs of the kind &quot;%1&quot; cannot be run from here.</source>
        <translation>Les tâches du type « %1 » ne peuvent pas être lancées d’ici.</translation>
    </message>
    <message>
        <location line="+234"/>
        <source>Captioning the shots matching “%1” with %2</source>
        <extracomment>%1 a search (&quot;photoset:#3 tag:Night&quot;), %2 the generator</extracomment>
        <translation>Légendage des clichés correspondant à « %1 » avec %2</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Regenerating unedited captions of %n shot(s) with %1</source>
        <extracomment>%1 the generator (&quot;the built-in captioner&quot;, a model at a server, a model file)</extracomment>
        <translation>
            <numerusform>Régénération de la légende non modifiée de %n cliché avec %1</numerusform>
            <numerusform>Régénération des légendes non modifiées de %n clichés avec %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Captioning %n shot(s) with %1</source>
        <translation>
            <numerusform>Légendage de %n cliché avec %1</numerusform>
            <numerusform>Légendage de %n clichés avec %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Regenerating unedited captions of %n shot(s)</source>
        <translation>
            <numerusform>Régénération de la légende non modifiée de %n cliché</numerusform>
            <numerusform>Régénération des légendes non modifiées de %n clichés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Captioning %n shot(s)</source>
        <translation>
            <numerusform>Légendage de %n cliché</numerusform>
            <numerusform>Légendage de %n clichés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Importing %1</source>
        <translation>Importation de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exporting to %1</source>
        <translation>Exportation vers %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Importing archives from %1</source>
        <translation>Importation des archives de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Making %1 px thumbnails</source>
        <translation>Création des vignettes de %1 px</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>interrupted</source>
        <translation>interrompue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>queued</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>terminée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
</context>
<context>
    <name>Metadata</name>
    <message>
        <location filename="../core/metadata/exifreader.cpp" line="+399"/>
        <source>The metadata reader does not recognise this file: %1</source>
        <translation>Le lecteur de métadonnées ne reconnaît pas ce fichier : %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file could not be opened to read its metadata: %1</source>
        <translation>Le fichier n’a pas pu être ouvert pour lire ses métadonnées : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+71"/>
        <source>The photo&apos;s metadata (EXIF) is damaged: %1</source>
        <translation>Les métadonnées (EXIF) de la photo sont endommagées : %1</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>The file ends inside its JPEG header (segment at byte %1), before the metadata could be read</source>
        <translation>Le fichier se termine dans son en-tête JPEG (segment à l’octet %1), avant que les métadonnées aient pu être lues</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The JPEG header is damaged: the segment at byte %1 has an impossible length</source>
        <translation>L’en-tête JPEG est endommagé : le segment à l’octet %1 a une longueur impossible</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The metadata reader could not open the image</source>
        <translation>Le lecteur de métadonnées n’a pas pu ouvrir l’image</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>EXIF is read only from JPEG, PNG, WebP and TIFF files</source>
        <translation>L’EXIF n’est lu que dans les fichiers JPEG, PNG, WebP et TIFF</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+30"/>
        <location filename="../core/metadata/fileprobe.cpp" line="+549"/>
        <source>The file is empty</source>
        <translation>Le fichier est vide</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>The file is too large to read its metadata</source>
        <translation>Le fichier est trop grand pour lire ses métadonnées</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The photo&apos;s metadata claims more memory than is available; it is damaged</source>
        <translation>Les métadonnées de la photo réclament plus de mémoire que disponible ; elles sont endommagées</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>“%1” is a folder, not an image</source>
        <translation>« %1 » est un dossier, pas une image</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../core/metadata/fileprobe.cpp" line="+28"/>
        <location filename="../core/metadata/xmpsidecar.cpp" line="+275"/>
        <source>“%1” is not a regular file</source>
        <translation>« %1 » n’est pas un fichier ordinaire</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../core/metadata/fileprobe.cpp" line="+3"/>
        <source>Could not open “%1”: %2</source>
        <translation>Impossible d’ouvrir « %1 » : %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../core/metadata/fileprobe.cpp" line="+6"/>
        <source>Could not read “%1”: %2</source>
        <translation>Impossible de lire « %1 » : %2</translation>
    </message>
    <message>
        <location filename="../core/metadata/fileprobe.cpp" line="-439"/>
        <source>HEIC images are not supported yet: no HEIF decoder is available</source>
        <translation>Les images HEIC ne sont pas encore prises en charge : aucun décodeur HEIF n’est disponible</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AVIF images are not supported yet: no AVIF decoder is available</source>
        <translation>Les images AVIF ne sont pas encore prises en charge : aucun décodeur AVIF n’est disponible</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Canon CR3 raw files are not supported</source>
        <translation>Les fichiers bruts Canon CR3 ne sont pas pris en charge</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is a video or another ISO media file, not a supported image</source>
        <translation>Le fichier est une vidéo ou un autre fichier média ISO, pas une image prise en charge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is a video or another ISO media file (brand “%1”), not a supported image</source>
        <translation>Le fichier est une vidéo ou un autre fichier média ISO (marque « %1 »), pas une image prise en charge</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is a RIFF container (such as a video or sound), not a WebP image</source>
        <translation>Le fichier est un conteneur RIFF (comme une vidéo ou un son), pas une image WebP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is a RIFF container of type “%1” (such as a video or sound), not a WebP image</source>
        <translation>Le fichier est un conteneur RIFF de type « %1 » (comme une vidéo ou un son), pas une image WebP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JPEG 2000 images are not supported</source>
        <translation>Les images JPEG 2000 ne sont pas prises en charge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photoshop documents are not supported</source>
        <translation>Les documents Photoshop ne sont pas pris en charge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file is a PDF document, not an image</source>
        <translation>Le fichier est un document PDF, pas une image</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PostScript and EPS files are not supported</source>
        <translation>Les fichiers PostScript et EPS ne sont pas pris en charge</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The file is truncated: %1</source>
        <translation>Le fichier est tronqué : %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+7"/>
        <source>it ends inside the JPEG header, before the image data</source>
        <translation>il se termine dans l’en-tête JPEG, avant les données de l’image</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The file contains no image data: the JPEG ends before its first scan</source>
        <translation>Le fichier ne contient aucune donnée d’image : le JPEG se termine avant son premier balayage</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a JPEG header segment at byte %1 runs past the end of the file</source>
        <translation>un segment d’en-tête JPEG à l’octet %1 dépasse la fin du fichier</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Lossless JPEG images are not supported</source>
        <translation>Les images JPEG sans perte ne sont pas prises en charge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hierarchical JPEG images are not supported</source>
        <translation>Les images JPEG hiérarchiques ne sont pas prises en charge</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1-bit JPEG images are not supported (only 8-bit JPEG can be decoded)</source>
        <translation>Les images JPEG en %1 bits ne sont pas prises en charge (seul le JPEG 8 bits peut être décodé)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The JPEG header is damaged: it declares %1 bits per sample</source>
        <translation>L’en-tête JPEG est endommagé : il déclare %1 bits par échantillon</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>JPEG images that give their height after the image data (DNL) are not supported</source>
        <translation>Les images JPEG qui donnent leur hauteur après les données de l’image (DNL) ne sont pas prises en charge</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The JPEG structure is damaged: the image data starts before the frame header</source>
        <translation>La structure JPEG est endommagée : les données de l’image commencent avant l’en-tête de trame</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the JPEG image data stops without an end-of-image marker</source>
        <translation>les données de l’image JPEG s’arrêtent sans marqueur de fin d’image</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it ends inside the PNG “%1” chunk</source>
        <translation>il se termine dans le bloc PNG « %1 »</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it ends before the PNG end marker (IEND)</source>
        <translation>il se termine avant le marqueur de fin PNG (IEND)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it ends inside the GIF header</source>
        <translation>il se termine dans l’en-tête GIF</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>it ends inside a GIF extension block</source>
        <translation>il se termine dans un bloc d’extension GIF</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it ends inside a GIF image descriptor</source>
        <translation>il se termine dans un descripteur d’image GIF</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it ends inside the data of GIF frame %1</source>
        <translation>il se termine dans les données de l’image GIF %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>it ends before the first GIF frame</source>
        <translation>il se termine avant la première image GIF</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the WebP container declares %1 bytes but the file has %2</source>
        <translation>le conteneur WebP déclare %1 octets mais le fichier en a %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it ends inside the TIFF header</source>
        <translation>il se termine dans l’en-tête TIFF</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the first TIFF directory lies beyond the end of the file</source>
        <translation>le premier répertoire TIFF se trouve après la fin du fichier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it ends inside the first TIFF directory</source>
        <translation>il se termine dans le premier répertoire TIFF</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the TIFF strip table lies beyond the end of the file</source>
        <translation>la table des bandes TIFF se trouve après la fin du fichier</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the TIFF image data needs %1 bytes but the file has %2</source>
        <translation>les données de l’image TIFF demandent %1 octets mais le fichier en a %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>it ends inside the BMP header</source>
        <translation>il se termine dans l’en-tête BMP</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the BMP pixel data needs %1 bytes but the file has %2</source>
        <translation>les données de pixels BMP demandent %1 octets mais le fichier en a %2</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>The file is not a valid image: its content matches no supported format</source>
        <translation>Le fichier n’est pas une image valide : son contenu ne correspond à aucun format pris en charge</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The image is too large: %1 × %2 pixels is over the limit of %3 megapixels</source>
        <translation>L’image est trop grande : %1 × %2 pixels dépassent la limite de %3 mégapixels</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The file does not exist</source>
        <translation>Le fichier n’existe pas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is a folder, not an image file</source>
        <translation>Ceci est un dossier, pas un fichier image</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is not a regular file (a device, pipe or socket)</source>
        <translation>Ce n’est pas un fichier ordinaire (un périphérique, un tube ou une socket)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The file could not be opened: %1</source>
        <translation>Le fichier n’a pas pu être ouvert : %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The file is too large to import (%1 MB; the limit is %2 MB)</source>
        <translation>Le fichier est trop grand pour être importé (%1 Mo ; la limite est de %2 Mo)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file could not be read: %1</source>
        <translation>Le fichier n’a pas pu être lu : %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>“%1” is a folder, not a file</source>
        <translation>« %1 » est un dossier, pas un fichier</translation>
    </message>
    <message>
        <location filename="../core/metadata/xmpsidecar.cpp" line="-60"/>
        <source>it declares a document type (DTD), which XMP does not allow</source>
        <translation>il déclare un type de document (DTD), ce que XMP n’autorise pas</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>it is not well-formed XML (line %1, column %2: %3)</source>
        <translation>ce n’est pas du XML bien formé (ligne %1, colonne %2 : %3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is XML but holds no XMP metadata (no rdf:RDF element)</source>
        <translation>c’est du XML mais il ne contient aucune métadonnée XMP (pas d’élément rdf:RDF)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the XMP toolkit could not parse it (code %1)</source>
        <translation>la boîte à outils XMP n’a pas pu l’analyser (code %1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the XMP toolkit failed: %1</source>
        <translation>la boîte à outils XMP a échoué : %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The sidecar “%1” is too large (%2 bytes) to be XMP metadata</source>
        <translation>Le fichier annexe « %1 » est trop grand (%2 octets) pour être des métadonnées XMP</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not open the sidecar “%1”: %2</source>
        <translation>Impossible d’ouvrir le fichier annexe « %1 » : %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not read the sidecar “%1”: %2</source>
        <translation>Impossible de lire le fichier annexe « %1 » : %2</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>The XMP metadata cannot be read: %1</source>
        <translation>Les métadonnées XMP ne peuvent pas être lues : %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The sidecar “%1” cannot be read: %2</source>
        <translation>Le fichier annexe « %1 » ne peut pas être lu : %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” has no XMP sidecar</source>
        <translation>« %1 » n’a pas de fichier annexe XMP</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The existing sidecar “%1” cannot be read, so it was not replaced (it may hold other programs&apos; data): %2</source>
        <translation>Le fichier annexe existant « %1 » ne peut pas être lu, il n’a donc pas été remplacé (il peut contenir des données d’autres programmes) : %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The XMP metadata for “%1” could not be encoded (code %2)</source>
        <translation>Les métadonnées XMP de « %1 » n’ont pas pu être encodées (code %2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>The sidecar “%1” was not written: %2</source>
        <translation>Le fichier annexe « %1 » n’a pas été écrit : %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+4"/>
        <location line="+3"/>
        <source>Could not write the sidecar “%1”: %2</source>
        <translation>Impossible d’écrire le fichier annexe « %1 » : %2</translation>
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
        <location filename="../core/common/settings.cpp" line="+145"/>
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
    <message>
        <location line="+13"/>
        <source>Unknown edit.</source>
        <translation>Modification inconnue.</translation>
    </message>
</context>
<context>
    <name>TagEdits</name>
    <message>
        <location filename="../core/curating/tagedits.cpp" line="+29"/>
        <source>There is no tag &quot;%1&quot; (any more).</source>
        <translation>Il n’y a pas (ou plus) de mot-clé « %1 ».</translation>
    </message>
    <message>
        <location line="+114"/>
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
    <message>
        <location line="+88"/>
        <location line="+69"/>
        <source>Unknown tag edit.</source>
        <translation>Modification de mot-clé inconnue.</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>This tag edit was never applied, so there is nothing to undo.</source>
        <translation>Cette modification de mot-clé n’a jamais été appliquée, il n’y a donc rien à annuler.</translation>
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
        <location filename="../core/captioning/openaicaptiongenerator.cpp" line="+103"/>
        <source>The caption server reported an error: %1</source>
        <translation>Le serveur de légendes a signalé une erreur : %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The image could not be read: %1</source>
        <translation>L’image n’a pas pu être lue : %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The image could not be converted to JPEG for the caption server.</source>
        <translation>L’image n’a pas pu être convertie en JPEG pour le serveur de légendes.</translation>
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
        <location filename="../ui/archiveimportdialog.cpp" line="+24"/>
        <source>Import Archives</source>
        <translation>Importer des archives</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a .zip, .rar or .7z file, or a folder of them</source>
        <translation>un fichier .zip, .rar ou .7z, ou un dossier qui en contient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive…</source>
        <translation>Archive…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder…</source>
        <translation>Dossier…</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+3"/>
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
        <location line="+6"/>
        <source>%v of %m archives</source>
        <translation>%v archives sur %m</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Choose an archive or a folder of archives.</source>
        <translation>Choisissez une archive ou un dossier d’archives.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No catalog is open.</source>
        <translation>Aucun catalogue n’est ouvert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The import cannot start: %1</source>
        <translation>L’importation ne peut pas commencer : %1</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Dry run: %1 would be imported, %2 skipped, %3 partial, %4 refused, %5 failed%6.</source>
        <translation>Simulation : %1 seraient importées, %2 ignorées, %3 partielles, %4 refusées, %5 en échec%6.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (cancelled)</source>
        <translation> (annulé)</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>stills::ArchiveImporter</name>
    <message>
        <location filename="../core/importing/archiveimporter.cpp" line="+214"/>
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
        <location line="-122"/>
        <location line="+124"/>
        <source>The folder %1 cannot be created.</source>
        <translation>Le dossier %1 ne peut pas être créé.</translation>
    </message>
    <message>
        <location line="-226"/>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
    <message>
        <location line="+53"/>
        <location line="+6"/>
        <source>%1 cannot be read: %2</source>
        <translation>%1 ne peut pas être lu : %2</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1 is a link; nothing is unpacked through it.</source>
        <translation>%1 est un lien ; rien n’est décompressé à travers lui.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 cannot be moved to %2.</source>
        <translation>%1 ne peut pas être déplacé vers %2.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>imported</source>
        <translation>importée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>ignorée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partly imported</source>
        <translation>importée en partie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>refusée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <location line="+116"/>
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
        <location line="+99"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>the archive is damaged after %1 entries: %2</source>
        <translation>l’archive est endommagée après %1 entrées : %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it holds more than %1 entries</source>
        <translation>elle contient plus de %1 entrées</translation>
    </message>
    <message>
        <location line="+14"/>
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
        <location line="+80"/>
        <source>an empty file</source>
        <translation>un fichier vide</translation>
    </message>
    <message>
        <location line="-76"/>
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
        <location line="+21"/>
        <source>cannot be read: %1</source>
        <translation>ne peut pas être lu : %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+28"/>
        <source>%1 cannot be written: %2</source>
        <translation>%1 ne peut pas être écrit : %2</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>the archive is damaged at %1</source>
        <translation>l’archive est endommagée à %1</translation>
    </message>
    <message>
        <location line="+42"/>
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
    <message numerus="yes">
        <location line="+96"/>
        <source>would import %n image(s) as the photoset &quot;%1&quot;</source>
        <translation>
            <numerusform>importerait %n image comme la série « %1 »</numerusform>
            <numerusform>importerait %n images comme la série « %1 »</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 is damaged: would import %n image(s) as the photoset &quot;%2&quot;, the rest cannot be read (%3).</source>
        <translation>
            <numerusform>%1 est endommagé : importerait %n image comme la série « %2 », le reste ne peut pas être lu (%3).</numerusform>
            <numerusform>%1 est endommagé : importerait %n images comme la série « %2 », le reste ne peut pas être lu (%3).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>%1 is still damaged: %n image(s) could be read and are imported (%2 new), the rest cannot be read (%3).</source>
        <translation>
            <numerusform>%1 est toujours endommagé : %n image a pu être lue et est importée (nouvelles : %2), le reste ne peut pas être lu (%3).</numerusform>
            <numerusform>%1 est toujours endommagé : %n images ont pu être lues et sont importées (nouvelles : %2), le reste ne peut pas être lu (%3).</numerusform>
        </translation>
    </message>
    <message>
        <location line="-241"/>
        <source>its data is damaged (the checksum stored in the archive does not match)</source>
        <translation>ses données sont endommagées (la somme de contrôle enregistrée dans l’archive ne correspond pas)</translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>the archive is cut off after %n entry(s): whatever followed is missing</source>
        <translation>
            <numerusform>l’archive s’arrête après %n entrée : la suite manque</numerusform>
            <numerusform>l’archive s’arrête après %n entrées : la suite manque</numerusform>
        </translation>
    </message>
    <message>
        <location line="+110"/>
        <source>The unfinished folder %1 cannot be removed.</source>
        <translation>Le dossier inachevé %1 ne peut pas être supprimé.</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>only %1 of its %2 entries could be read</source>
        <translation>seules %1 de ses %2 entrées ont pu être lues</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>%1 holds no images.</source>
        <translation>%1 ne contient aucune image.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: nothing could be read (%2).</source>
        <translation>%1 : rien n’a pu être lu (%2).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 cannot be renamed to %2.</source>
        <translation>%1 ne peut pas être renommé en %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
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
    <name>stills::BuiltinCaptionGenerator</name>
    <message>
        <location filename="../core/captioning/builtincaptiongenerator.cpp" line="+101"/>
        <source>Captioning was cancelled.</source>
        <translation>La génération des légendes a été annulée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The shot has no image file to caption.</source>
        <translation>Le cliché n’a pas de fichier image à légender.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The image could not be analysed: %1</source>
        <translation>L’image n’a pas pu être analysée : %1</translation>
    </message>
</context>
<context>
    <name>stills::CaptionEditor</name>
    <message>
        <location filename="../ui/captioneditor.cpp" line="+67"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Restore</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Caption&lt;/b&gt;</source>
        <translation>&lt;b&gt;Légende&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No caption yet. Type one, or use Shot ▸ Caption Selected.</source>
        <translation>Pas encore de légende. Saisissez-en une, ou utilisez Cliché ▸ Légender la sélection.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The current caption; Ctrl+Return saves it as a new version</source>
        <translation>La légende courante ; Ctrl+Entrée l’enregistre comme nouvelle version</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Store the text as a new version typed by hand (Ctrl+Return); Ctrl+Z undoes it</source>
        <translation>Enregistrer le texte comme nouvelle version saisie à la main (Ctrl+Entrée) ; Ctrl+Z l’annule</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every version of the caption, newest first; the current one is in bold</source>
        <translation>Toutes les versions de la légende, la plus récente d’abord ; la courante est en gras</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Make the chosen version the current caption again; Ctrl+Z undoes it</source>
        <translation>Refaire de la version choisie la légende courante ; Ctrl+Z l’annule</translation>
    </message>
    <message numerus="yes">
        <location line="+81"/>
        <source>%n shots selected: select one shot to edit its caption. Shot ▸ Caption Selected and Find and Replace in Captions work on the whole selection.</source>
        <translation>
            <numerusform>%n cliché sélectionné : sélectionnez un seul cliché pour modifier sa légende. Cliché ▸ Légender la sélection et Rechercher et remplacer dans les légendes agissent sur toute la sélection.</numerusform>
            <numerusform>%n clichés sélectionnés : sélectionnez un seul cliché pour modifier sa légende. Cliché ▸ Légender la sélection et Rechercher et remplacer dans les légendes agissent sur toute la sélection.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select a shot to see and edit its caption.</source>
        <translation>Sélectionnez un cliché pour voir et modifier sa légende.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The caption could not be read: %1</source>
        <translation>La légende n’a pas pu être lue : %1</translation>
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
            <numerusform>%n mot</numerusform>
            <numerusform>%n mots</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · ≈ %2 CLIP tokens: over %3, CLIP reads only the beginning</source>
        <extracomment>%1 words, %2 estimated tokens, %3 the limit (77)</extracomment>
        <translation>%1 · ≈ %2 jetons CLIP : plus de %3, CLIP n’en lit que le début</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 · ≈ %2 of %3 CLIP tokens</source>
        <translation>%1 · ≈ %2 jetons CLIP sur %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Estimated: 1.3 tokens a word, one per punctuation mark, plus the start and end markers</source>
        <translation>Estimation : 1,3 jeton par mot, un par signe de ponctuation, plus les marqueurs de début et de fin</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Being captioned…</source>
        <translation>Légende en cours…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved yet: Ctrl+Return saves.</source>
        <translation>Pas encore enregistrée : Ctrl+Entrée enregistre.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1, prompt: %2</source>
        <extracomment>%1 where the caption came from, %2 the prompt a model was given</extracomment>
        <translation>%1, consigne : %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>typed</source>
        <translation>saisie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>built-in</source>
        <translation>intégré</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, edited</source>
        <extracomment>%1 the generator (and model) that wrote the caption</extracomment>
        <translation>%1, modifiée</translation>
    </message>
</context>
<context>
    <name>stills::CaptionReplaceDialog</name>
    <message>
        <location filename="../ui/captionreplacedialog.cpp" line="+19"/>
        <source>&amp;Match case</source>
        <translation>Respecter la &amp;casse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find and Replace in Captions</source>
        <translation>Rechercher et remplacer dans les légendes</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>In the current captions of the %n selected shot(s). Each caption that changes is stored as a new version typed by hand; the earlier one stays in its history.</source>
        <translation>
            <numerusform>Dans la légende courante du %n cliché sélectionné. Chaque légende modifiée est enregistrée comme nouvelle version saisie à la main ; l’ancienne reste dans son historique.</numerusform>
            <numerusform>Dans les légendes courantes des %n clichés sélectionnés. Chaque légende modifiée est enregistrée comme nouvelle version saisie à la main ; l’ancienne reste dans son historique.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Find:</source>
        <translation>&amp;Rechercher :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace &amp;with:</source>
        <translation>Remplacer &amp;par :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Replace</source>
        <translation>&amp;Remplacer</translation>
    </message>
</context>
<context>
    <name>stills::Captioner</name>
    <message>
        <location filename="../core/captioning/captioner.cpp" line="+147"/>
        <source>Job %1 is not a captioning job.</source>
        <translation>La tâche %1 n’est pas une tâche de génération de légendes.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Job %1 was started with the %2 generator, not %3; resume it with the same one.</source>
        <translation>La tâche %1 a été lancée avec le générateur %2, pas %3 ; reprenez-la avec le même.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>shot %1</source>
        <translation>cliché %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The shot is no longer in the catalog.</source>
        <translation>Le cliché n’est plus dans le catalogue.</translation>
    </message>
    <message numerus="yes">
        <location line="+60"/>
        <source>%n shot(s) could not be captioned.</source>
        <translation>
            <numerusform>%n cliché n’a pas pu être légendé.</numerusform>
            <numerusform>%n clichés n’ont pas pu être légendés.</numerusform>
        </translation>
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
        <location filename="../core/imaging/croprenderer.cpp" line="+62"/>
        <source>There is no image to crop.</source>
        <translation>Il n’y a aucune image à recadrer.</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Straightened by %1°, the crop &quot;%2&quot; leaves no pixels: move it away from the image&apos;s edge or straighten less.</source>
        <translation>Redressé de %1°, le recadrage « %2 » ne garde aucun pixel : éloignez-le du bord de l’image ou redressez moins.</translation>
    </message>
</context>
<context>
    <name>stills::ExportDialog</name>
    <message>
        <location filename="../ui/exportdialog.cpp" line="+29"/>
        <location line="+87"/>
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
        <location line="+75"/>
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
        <location line="+9"/>
        <source>No catalog is open.</source>
        <translation>Aucun catalogue n’est ouvert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The export cannot start: %1</source>
        <translation>L’exportation ne peut pas commencer : %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export to %1 queued after the one running; it goes on in the Jobs panel if you close this.</source>
        <translation>Exportation vers %1 en attente après celle en cours ; elle continue dans le panneau des tâches si vous fermez cette fenêtre.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exporting to %1… (closing this window leaves it running; see View ▸ Jobs)</source>
        <translation>Exportation vers %1… (elle continue si vous fermez cette fenêtre ; voir Affichage ▸ Tâches)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Skipped %1: %2</source>
        <translation>%1 ignoré : %2</translation>
    </message>
</context>
<context>
    <name>stills::ExportRecipe</name>
    <message>
        <location filename="../core/exporting/exportrecipe.cpp" line="+67"/>
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
    <message>
        <location line="+75"/>
        <source>cannot be encoded as %1: %2</source>
        <translation>ne peut pas être encodé en %1 : %2</translation>
    </message>
    <message>
        <location line="+75"/>
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
    <name>stills::JobsPanel</name>
    <message>
        <location filename="../ui/jobspanel.cpp" line="+70"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+173"/>
        <source>Retry Failed</source>
        <translation>Relancer les échecs</translation>
    </message>
    <message>
        <location line="-165"/>
        <source>The job list could not be read again: %1</source>
        <translation>La liste des tâches n’a pas pu être relue : %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Job</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Progress</source>
        <translation>Avancement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>Échecs</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started</source>
        <translation>Commencée</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Item</source>
        <translation>Élément</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why it failed</source>
        <translation>Raison</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop the selected job after its current item (Delete); what is done is kept</source>
        <translation>Arrêter la tâche choisie après l’élément en cours (Suppr) ; ce qui est fait est conservé</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the job again from where it stopped</source>
        <translation>Reprendre la tâche là où elle s’est arrêtée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the job again; what it did already is not done twice</source>
        <translation>Relancer la tâche ; ce qui est déjà fait n’est pas refait</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select a job to see what failed.</source>
        <translation>Choisissez une tâche pour voir ce qui a échoué.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The failures of this job cannot be read: %1</source>
        <translation>Les échecs de cette tâche ne peuvent pas être lus : %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The job failed: %1</source>
        <translation>La tâche a échoué : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing failed.</source>
        <translation>Rien n’a échoué.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n item(s) failed:</source>
        <translation>
            <numerusform>%n élément en échec :</numerusform>
            <numerusform>%n éléments en échec :</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancelling “%1” after its current item…</source>
        <translation>Annulation de « %1 » après l’élément en cours…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The job cannot be run again: %1</source>
        <translation>La tâche ne peut pas être relancée : %1</translation>
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
        <translation>Certains fichiers annexes XMP n’ont pas pu être écrits ; cliquez pour les voir et réessayer</translation>
    </message>
    <message>
        <location line="+63"/>
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
        <location line="+44"/>
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
        <location line="+12"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+17"/>
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
        <location line="+5"/>
        <source>&amp;Caption Selected</source>
        <translation>&amp;Légender la sélection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caption the selected shots with the generator chosen in Preferences; each caption is a new version</source>
        <translation>Légender les clichés sélectionnés avec le générateur choisi dans les préférences ; chaque légende est une nouvelle version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;generate Unedited Captions</source>
        <translation>Ré&amp;générer les légendes non modifiées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caption the selected shots again, leaving alone those whose caption was typed by hand</source>
        <translation>Légender à nouveau les clichés sélectionnés, sauf ceux dont la légende a été saisie à la main</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find and Re&amp;place in Captions…</source>
        <translation>Rechercher et rem&amp;placer dans les légendes…</translation>
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
        <translation>Modifier les recadrages du cliché courant</translation>
    </message>
    <message>
        <location line="-372"/>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Show the background jobs: progress, cancel, failures (View ▸ Jobs)</source>
        <translation>Afficher les tâches de fond : avancement, annulation, échecs (Affichage ▸ Tâches)</translation>
    </message>
    <message>
        <location line="+231"/>
        <source>Make &amp;Thumbnails</source>
        <translation>Créer les &amp;vignettes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the thumbnails of the whole catalog ahead of time, in the background</source>
        <translation>Créer à l’avance les vignettes de tout le catalogue, en arrière-plan</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>&amp;Jobs</source>
        <translation>&amp;Tâches</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Background jobs: progress, cancel, retry failed, resume interrupted</source>
        <translation>Tâches de fond : avancement, annulation, relance des échecs, reprise des tâches interrompues</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>C&amp;rop…</source>
        <translation>Reca&amp;drer…</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+27"/>
        <location line="+36"/>
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
        <location line="+391"/>
        <source>New name:</source>
        <translation>Nouveau nom :</translation>
    </message>
    <message>
        <location line="-377"/>
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
        <location line="+84"/>
        <source>The selected shots could not be listed: %1</source>
        <translation>Les clichés sélectionnés n’ont pas pu être listés : %1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Captioning cannot start: %1</source>
        <translation>Le légendage ne peut pas commencer : %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Captioning %n shot(s) with %1…</source>
        <extracomment>%1 the generator (&quot;the built-in captioner&quot;, or a model at a server)</extracomment>
        <translation>
            <numerusform>Légendage de %n cliché avec %1…</numerusform>
            <numerusform>Légendage de %n clichés avec %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Find and replace: %n caption(s) changed.</source>
        <translation>
            <numerusform>Rechercher et remplacer : %n légende modifiée.</numerusform>
            <numerusform>Rechercher et remplacer : %n légendes modifiées.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
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
        <location line="+11"/>
        <source>The saved search was renamed to &quot;%1&quot; by someone else.</source>
        <translation>La recherche enregistrée a été renommée en « %1 » par quelqu’un d’autre.</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location line="+117"/>
        <source>&lt;h1&gt;Welcome to Stills&lt;/h1&gt;&lt;p&gt;Your catalog is empty. Import a folder of images to start: Stills reads them where they are, and never changes them.&lt;/p&gt;&lt;p style=&apos;color:gray&apos;&gt;Catalog: %1&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Bienvenue dans Stills&lt;/h1&gt;&lt;p&gt;Votre catalogue est vide. Importez un dossier d’images pour commencer : Stills les lit là où elles sont et ne les modifie jamais.&lt;/p&gt;&lt;p style=&apos;color:gray&apos;&gt;Catalogue : %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stills — %1</source>
        <translation>Stills — %1</translation>
    </message>
    <message>
        <location line="+36"/>
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
        <location line="+75"/>
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
        <location line="+16"/>
        <source>The photoset &quot;%1&quot; was changed by someone else since; nothing was overwritten.</source>
        <translation>La série « %1 » a été modifiée depuis par quelqu’un d’autre ; rien n’a été écrasé.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Edit Photoset &quot;%1&quot;</source>
        <translation>Modifier la série « %1 »</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Import a Folder</source>
        <translation>Importer un dossier</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Jobs Running</source>
        <translation>Tâches en cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Background jobs are running on this catalog. Wait for them to finish, or cancel them in the Jobs panel (View ▸ Jobs), first.</source>
        <translation>Des tâches de fond tournent sur ce catalogue. Attendez d’abord qu’elles finissent, ou annulez-les dans le panneau des tâches (Affichage ▸ Tâches).</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Thumbnails cannot be made: %1</source>
        <translation>Les vignettes ne peuvent pas être créées : %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Making the thumbnails of the whole catalog in the background…</source>
        <translation>Création des vignettes de tout le catalogue en arrière-plan…</translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>%n job(s) were interrupted (the window was closed or the program stopped); resume them in the Jobs panel.</source>
        <translation>
            <numerusform>%n tâche a été interrompue (la fenêtre a été fermée ou le programme arrêté) ; reprenez-la dans le panneau des tâches.</numerusform>
            <numerusform>%n tâches ont été interrompues (la fenêtre a été fermée ou le programme arrêté) ; reprenez-les dans le panneau des tâches.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n tâche en cours</numerusform>
            <numerusform>%n tâches en cours</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The failures are listed in the Jobs panel.</source>
        <translation>Les échecs sont listés dans le panneau des tâches.</translation>
    </message>
    <message>
        <location line="-121"/>
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
        <location line="+10"/>
        <source>The import cannot start: %1</source>
        <translation>L’importation ne peut pas commencer : %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import of %1 queued after the one running.</source>
        <translation>Importation de %1 en attente après celle en cours.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Importing %1…</source>
        <translation>Importation de %1…</translation>
    </message>
</context>
<context>
    <name>stills::MetadataImporter</name>
    <message>
        <location filename="../core/importing/metadataimporter.cpp" line="+31"/>
        <location line="+4"/>
        <source>&quot;%1&quot; must be a list of texts</source>
        <translation>&quot;%1&quot; doit être une liste de textes</translation>
    </message>
    <message>
        <location line="+32"/>
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
    <name>stills::OpenAiCaptionGenerator</name>
    <message>
        <location filename="../core/captioning/openaicaptiongenerator.cpp" line="+68"/>
        <source>Captioning was cancelled.</source>
        <translation>La génération des légendes a été annulée.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The caption server address &quot;%1&quot; is not an http:// or https:// URL.</source>
        <translation>L’adresse du serveur de légendes « %1 » n’est pas une URL http:// ou https://.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The shot has no image file to caption.</source>
        <translation>Le cliché n’a pas de fichier image à légender.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The caption server reported an error: %1</source>
        <translation>Le serveur de légendes a signalé une erreur : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The caption server sent a part of its answer that is not valid JSON (%1): %2</source>
        <translation>Le serveur de légendes a envoyé une partie de sa réponse qui n’est pas du JSON valide (%1) : %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+98"/>
        <source>not an object</source>
        <translation>pas un objet</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>The caption server sent something that is not a chat completion: %1</source>
        <translation>Le serveur de légendes a envoyé quelque chose qui n’est pas une réponse de chat (chat completion) : %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The caption server&apos;s answer is larger than 8 MB; that is not a caption.</source>
        <translation>La réponse du serveur de légendes dépasse 8 Mo ; ce n’est pas une légende.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The caption server sent a line of more than 16 MB; that is not an event stream.</source>
        <translation>Le serveur de légendes a envoyé une ligne de plus de 16 Mo ; ce n’est pas un flux d’événements.</translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>The caption server at %1 sent nothing for %n second(s); it may be stuck or overloaded.</source>
        <translation>
            <numerusform>Le serveur de légendes %1 n’a rien envoyé pendant %n seconde ; il est peut-être bloqué ou surchargé.</numerusform>
            <numerusform>Le serveur de légendes %1 n’a rien envoyé pendant %n secondes ; il est peut-être bloqué ou surchargé.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The caption server answered HTTP %1.</source>
        <translation>Le serveur de légendes a répondu HTTP %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The caption server answered HTTP %1: %2</source>
        <translation>Le serveur de légendes a répondu HTTP %1 : %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The connection to the caption server broke before the caption was complete: %1</source>
        <translation>La connexion au serveur de légendes a été coupée avant que la légende soit complète : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The caption server at %1 could not be reached: %2</source>
        <translation>Le serveur de légendes %1 est injoignable : %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The caption server&apos;s answer is not valid JSON (%1): %2</source>
        <translation>La réponse du serveur de légendes n’est pas du JSON valide (%1) : %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The caption server&apos;s answer is not a chat completion: %1</source>
        <translation>La réponse du serveur de légendes n’est pas une réponse de chat (chat completion) : %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The caption server ended its answer before the caption was complete.</source>
        <translation>Le serveur de légendes a terminé sa réponse avant que la légende soit complète.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+9"/>
        <source>The model refused to caption this shot: %1</source>
        <translation>Le modèle a refusé de légender ce cliché : %1</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>The server&apos;s content filter stopped the caption.</source>
        <translation>Le filtre de contenu du serveur a arrêté la légende.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The model reached its limit of %n token(s) before writing a caption.</source>
        <translation>
            <numerusform>Le modèle a atteint sa limite de %n jeton avant d’écrire une légende.</numerusform>
            <numerusform>Le modèle a atteint sa limite de %n jetons avant d’écrire une légende.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model answered with an empty caption.</source>
        <translation>Le modèle a répondu par une légende vide.</translation>
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
        <location filename="../core/models/photosetlistmodel.cpp" line="+35"/>
        <source>Could not count the shots of the library: %1</source>
        <translation>Impossible de compter les clichés de la bibliothèque : %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not read the photosets: %1</source>
        <translation>Impossible de lire les séries : %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Library</source>
        <translation>Bibliothèque</translation>
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
        <translation>Préférences</translation>
    </message>
    <message>
        <location line="-297"/>
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
        <location line="+81"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="-108"/>
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
        <location line="+17"/>
        <source>OpenAI-compatible server</source>
        <translation>Serveur compatible OpenAI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caption &amp;generator:</source>
        <translation>&amp;Générateur de légendes :</translation>
    </message>
    <message>
        <location line="+46"/>
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
        <location line="+4"/>
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
        <location line="-50"/>
        <source>Server &amp;URL:</source>
        <translation>&amp;URL du serveur :</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Built-in (no model)</source>
        <translation>Intégré (sans modèle)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TorchScript model</source>
        <translation>Modèle TorchScript</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Composes a caption from what the pixels show (light, contrast, colours, shape) and what the catalog knows (attributes, tags, lens, photoset). No model, no network; the same shot always gets the same caption.</source>
        <translation>Compose une légende à partir de ce que montrent les pixels (lumière, contraste, couleurs, forme) et de ce que sait le catalogue (attributs, mots-clés, objectif, série). Sans modèle ni réseau ; le même cliché reçoit toujours la même légende.</translation>
    </message>
    <message>
        <location line="+15"/>
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
        <location line="+109"/>
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
    <name>stills::TorchScriptCaptionGenerator</name>
    <message>
        <location filename="../core/captioning/torchscriptcaptiongenerator.cpp" line="+68"/>
        <source>Captioning was cancelled.</source>
        <translation>La génération des légendes a été annulée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The shot has no image file to caption.</source>
        <translation>Le cliché n’a pas de fichier image à légender.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model is still running for another captioning run; wait for it to finish.</source>
        <translation>Le modèle tourne encore pour une autre série de légendes ; attendez qu’elle se termine.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The model answered neither a caption nor any tag for this image.</source>
        <translation>Le modèle n’a répondu ni légende ni mot-clé pour cette image.</translation>
    </message>
</context>
<context>
    <name>stills::ZipWriter</name>
    <message>
        <location filename="../core/exporting/zipwriter.cpp" line="+50"/>
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
</TS>
