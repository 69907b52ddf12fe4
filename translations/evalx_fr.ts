<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>evalx::ui</name>
    <message>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Libre</translation>
    </message>
    <message>
        <source>Compiling</source>
        <translation>Compilation</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation>Nettoyage</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>Hors service</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>Local judge</source>
        <translation>Évaluation locale</translation>
    </message>
    <message>
        <source>Judge0 API</source>
        <translation>API Judge0</translation>
    </message>
    <message>
        <source>Piston API</source>
        <translation>API Piston</translation>
    </message>
    <message>
        <source>EvalX API</source>
        <translation>API EvalX</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>(cannot read %1: %2)</source>
        <translation>(impossible de lire %1 : %2)</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepté</translation>
    </message>
    <message>
        <source>Wrong answer</source>
        <translation>Mauvaise réponse</translation>
    </message>
    <message>
        <source>Presentation error</source>
        <translation>Erreur de présentation</translation>
    </message>
    <message>
        <source>Time limit exceeded</source>
        <translation>Limite de temps dépassée</translation>
    </message>
    <message>
        <source>Memory limit exceeded</source>
        <translation>Limite de mémoire dépassée</translation>
    </message>
    <message>
        <source>Output limit exceeded</source>
        <translation>Limite de sortie dépassée</translation>
    </message>
    <message>
        <source>Run-time error</source>
        <translation>Erreur d&apos;exécution</translation>
    </message>
    <message>
        <source>Compilation error</source>
        <translation>Erreur de compilation</translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation>Erreur interne</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Ignoré</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>Rapport HTML (*.html)</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>Rapport PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV, a row per test (*.csv)</source>
        <translation>CSV, une ligne par test (*.csv)</translation>
    </message>
    <message>
        <source>JSON, everything (*.json)</source>
        <translation>JSON, tout (*.json)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>The report was not written: %1</source>
        <translation>Le rapport n’a pas été écrit : %1</translation>
    </message>
</context>
<context>
    <name>evalx::ui::BoxGridWidget</name>
    <message>
        <source>Box %1: %2</source>
        <translation>Boîte %1 : %2</translation>
    </message>
    <message>
        <source>%1 runs, %2 failures</source>
        <translation>%1 exécutions, %2 échecs</translation>
    </message>
    <message>
        <source>No boxes</source>
        <translation>Aucune boîte</translation>
    </message>
</context>
<context>
    <name>evalx::ui::Console</name>
    <message>
        <source>The server to watch must be an http:// or https:// URL, not &apos;%1&apos;</source>
        <translation>Le serveur à surveiller doit être une URL http:// ou https://, et non « %1 »</translation>
    </message>
    <message>
        <source>The sandbox could not start: %1</source>
        <translation>Le bac à sable n&apos;a pas pu démarrer : %1</translation>
    </message>
    <message>
        <source>The API could not listen on %1:%2: %3</source>
        <translation>L&apos;API n&apos;a pas pu écouter sur %1:%2 : %3</translation>
    </message>
</context>
<context>
    <name>evalx::ui::DashboardPage</name>
    <message>
        <source>How far back the charts reach</source>
        <translation>Jusqu&apos;où remontent les graphiques</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Exécuteurs</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Runs/s</source>
        <translation>Exécutions/s</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>File d&apos;attente</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Bac à sable</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>Longueur de la file d&apos;attente</translation>
    </message>
    <message>
        <source>jobs</source>
        <translation>tâches</translation>
    </message>
    <message>
        <source>Runs per second</source>
        <translation>Exécutions par seconde</translation>
    </message>
    <message>
        <source>runs/s</source>
        <translation>exécutions/s</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>End to end p50</source>
        <translation>De bout en bout p50</translation>
    </message>
    <message>
        <source>End to end p95</source>
        <translation>De bout en bout p95</translation>
    </message>
    <message>
        <source>Run p50</source>
        <translation>Exécution p50</translation>
    </message>
    <message>
        <source>Run p95</source>
        <translation>Exécution p95</translation>
    </message>
    <message>
        <source>Verdicts</source>
        <translation>Verdicts</translation>
    </message>
    <message>
        <source>Box pool</source>
        <translation>Réserve de boîtes</translation>
    </message>
    <message>
        <source>no judge to watch</source>
        <translation>aucun juge à surveiller</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1, unreachable</source>
        <translation>%1, injoignable</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivée</translation>
    </message>
    <message>
        <source>judge unreachable: %1</source>
        <translation>juge injoignable : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n exécuteur</numerusform>
            <numerusform>%n exécuteurs</numerusform>
        </translation>
    </message>
    <message>
        <source>queue %1 unreachable</source>
        <translation>file d&apos;attente %1 injoignable</translation>
    </message>
    <message>
        <source>queue %1 %2</source>
        <translation>file d&apos;attente %1 %2</translation>
    </message>
    <message>
        <source>API off</source>
        <translation>API désactivée</translation>
    </message>
    <message>
        <source>API %1</source>
        <translation>API %1</translation>
    </message>
    <message numerus="yes">
        <source>Verdicts (jobs finished per %n s)</source>
        <translation>
            <numerusform>Verdicts (tâches terminées par tranche de %n s)</numerusform>
            <numerusform>Verdicts (tâches terminées par tranche de %n s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>evalx::ui::LanguageDelegate</name>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
</context>
<context>
    <name>evalx::ui::LocalJudgeModel</name>
    <message>
        <source>Choose a language</source>
        <translation>Choisir un langage</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En file d&apos;attente</translation>
    </message>
    <message>
        <source>Running %1/%2</source>
        <translation>Exécution %1/%2</translation>
    </message>
    <message>
        <source>Not judged</source>
        <translation>Non évaluée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>From the file name</source>
        <translation>D&apos;après le nom du fichier</translation>
    </message>
    <message>
        <source>The file name does not say: choose the language</source>
        <translation>Le nom du fichier ne l&apos;indique pas : choisissez le langage</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1 s CPU, %2 s wall, %3 KiB</source>
        <translation>%1 s CPU, %2 s réel, %3 KiB</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Réussis</translation>
    </message>
    <message>
        <source>%1 of %2 judged submissions accepted</source>
        <translation>%1 des %2 soumissions évaluées acceptées</translation>
    </message>
    <message>
        <source>%1 of %2 submissions judged on this test passed it</source>
        <translation>%1 des %2 soumissions évaluées sur ce test l&apos;ont réussi</translation>
    </message>
    <message>
        <source>Σ</source>
        <translation>Σ</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langage</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>evalx::ui::LocalJudgePage</name>
    <message>
        <source>Open a problem: a folder of NAME.in and NAME.out files, or an ICPC/Kattis package.</source>
        <translation>Ouvrir un problème : un dossier de fichiers NOM.in et NOM.out, ou un paquet ICPC/Kattis.</translation>
    </message>
    <message>
        <source>Open &amp;problem…</source>
        <translation>Ouvrir un &amp;problème…</translation>
    </message>
    <message>
        <source>&amp;Add submissions…</source>
        <translation>&amp;Ajouter des soumissions…</translation>
    </message>
    <message>
        <source>Add a &amp;folder of submissions…</source>
        <translation>Ajouter un &amp;dossier de soumissions…</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Lancer</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>A&amp;nnuler</translation>
    </message>
    <message>
        <source>Judge every submission (F5)</source>
        <translation>Évaluer toutes les soumissions (F5)</translation>
    </message>
    <message>
        <source>Submit no more; what is being judged finishes (Esc)</source>
        <translation>Ne plus rien soumettre ; ce qui est en cours d&apos;évaluation se termine (Échap)</translation>
    </message>
    <message>
        <source>%v of %m judged</source>
        <translation>%v sur %m évaluées</translation>
    </message>
    <message>
        <source>Local judging needs the engine in this process; this console watches %1. Start EvalX here to judge files on this computer.</source>
        <translation>L&apos;évaluation locale nécessite le moteur dans ce processus ; cette console surveille %1. Lancez EvalX ici pour évaluer des fichiers sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Open a problem</source>
        <translation>Ouvrir un problème</translation>
    </message>
    <message>
        <source>Add submissions</source>
        <translation>Ajouter des soumissions</translation>
    </message>
    <message>
        <source>Add a folder of submissions</source>
        <translation>Ajouter un dossier de soumissions</translation>
    </message>
    <message>
        <source>%1: preparing (building the checker, timing the accepted submissions)…</source>
        <translation>%1 : préparation (compilation du vérificateur, chronométrage des soumissions acceptées)…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>&amp;Exporter le rapport…</translation>
    </message>
    <message>
        <source>Save the matrix and every result as HTML, PDF, CSV or JSON</source>
        <translation>Enregistrer la matrice et tous les résultats en HTML, PDF, CSV ou JSON</translation>
    </message>
</context>
<context>
    <name>evalx::ui::LocalJudgeSession</name>
    <message>
        <source>Local judging needs the engine in this process.</source>
        <translation>L&apos;évaluation locale nécessite le moteur dans ce processus.</translation>
    </message>
    <message>
        <source>The sandbox is not running.</source>
        <translation>Le bac à sable n&apos;est pas démarré.</translation>
    </message>
    <message>
        <source>Broken problem package: %1</source>
        <translation>Paquet de problème défectueux : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n test(s)</source>
        <translation>
            <numerusform>%n test</numerusform>
            <numerusform>%n tests</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, time limit %2 s (%3), memory %4 MiB</source>
        <translation>%1, limite de temps %2 s (%3), mémoire %4 MiB</translation>
    </message>
    <message>
        <source>Cancelled before it was judged.</source>
        <translation>Annulée avant son évaluation.</translation>
    </message>
    <message>
        <source>The queue refused it: %1</source>
        <translation>Refusée par la file d&apos;attente : %1</translation>
    </message>
</context>
<context>
    <name>evalx::ui::LocalSource</name>
    <message>
        <source>this computer</source>
        <translation>cet ordinateur</translation>
    </message>
    <message>
        <source>the sandbox is not running</source>
        <translation>le bac à sable n&apos;est pas démarré</translation>
    </message>
    <message>
        <source>%1, cgroup %2</source>
        <translation>%1, cgroup %2</translation>
    </message>
</context>
<context>
    <name>evalx::ui::MainWindow</name>
    <message>
        <source>EvalX</source>
        <translation>EvalX</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Submit a program…</source>
        <translation>&amp;Soumettre un programme…</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Tableau de bord</translation>
    </message>
    <message>
        <source>&amp;Submissions</source>
        <translation>&amp;Soumissions</translation>
    </message>
    <message>
        <source>&amp;Local judge</source>
        <translation>Évaluation &amp;locale</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;About EvalX</source>
        <translation>À &amp;propos d&apos;EvalX</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation>Soumissions</translation>
    </message>
    <message>
        <source>Local judge</source>
        <translation>Évaluation locale</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Non démarré</translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n exécuteur</numerusform>
            <numerusform>%n exécuteurs</numerusform>
        </translation>
    </message>
    <message>
        <source>Redis %1: %2</source>
        <translation>Redis %1 : %2</translation>
    </message>
    <message>
        <source>queue in this process</source>
        <translation>file d&apos;attente dans ce processus</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>injoignable : %1</translation>
    </message>
    <message>
        <source>API off</source>
        <translation>API désactivée</translation>
    </message>
    <message>
        <source>API at %1</source>
        <translation>API sur %1</translation>
    </message>
    <message>
        <source>Sandbox: %1</source>
        <translation>Bac à sable : %1</translation>
    </message>
    <message>
        <source>About EvalX</source>
        <translation>À propos d&apos;EvalX</translation>
    </message>
    <message>
        <source>&lt;h3&gt;EvalX %1&lt;/h3&gt;&lt;p&gt;A fast judge for untrusted programs: a sandbox of its own, Judge0- and Piston-compatible APIs, and this console.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;EvalX %1&lt;/h3&gt;&lt;p&gt;Un juge rapide pour programmes non fiables : son propre bac à sable, des API compatibles avec Judge0 et Piston, et cette console.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>evalx::ui::OutputDiffView</name>
    <message>
        <source>Input</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Expected output</source>
        <translation>Sortie attendue</translation>
    </message>
    <message>
        <source>Actual output</source>
        <translation>Sortie obtenue</translation>
    </message>
    <message>
        <source>Select a test to see its input and outputs.</source>
        <translation>Sélectionnez un test pour voir son entrée et ses sorties.</translation>
    </message>
    <message>
        <source>No expected output to compare with.</source>
        <translation>Aucune sortie attendue à comparer.</translation>
    </message>
    <message>
        <source>Expected and actual output are the same line for line.</source>
        <translation>Les sorties attendue et obtenue sont identiques ligne à ligne.</translation>
    </message>
    <message>
        <source>Lines differ: %1 expected but not found, %2 found but not expected; the first difference is at line %3.</source>
        <translation>Les lignes diffèrent : %1 attendues mais absentes, %2 présentes mais inattendues ; la première différence est à la ligne %3.</translation>
    </message>
    <message>
        <source>Not run yet.</source>
        <translation>Pas encore exécuté.</translation>
    </message>
    <message>
        <source>None: any run that ends well is accepted.</source>
        <translation>Aucune : toute exécution qui se termine bien est acceptée.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>showing the first %1 lines of %2</source>
        <translation>affichage des %1 premières lignes sur %2</translation>
    </message>
    <message>
        <source>showing the first %1 of %2 lines</source>
        <translation>affichage des %1 premières lignes sur %2 lignes</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n ligne</numerusform>
            <numerusform>%n lignes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>evalx::ui::RemoteSource</name>
    <message>
        <source>waiting for %1</source>
        <translation>en attente de %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1, cgroup %2</source>
        <translation>%1, cgroup %2</translation>
    </message>
    <message>
        <source>the server has no job queue</source>
        <translation>le serveur n&apos;a pas de file d&apos;attente</translation>
    </message>
    <message>
        <source>the server no longer has this job</source>
        <translation>le serveur n&apos;a plus cette tâche</translation>
    </message>
    <message>
        <source>the EvalX API cannot judge interactive problems</source>
        <translation>l&apos;API EvalX ne peut pas évaluer de problèmes interactifs</translation>
    </message>
    <message>
        <source>the EvalX API cannot merge stderr into stdout</source>
        <translation>l&apos;API EvalX ne peut pas fusionner stderr dans stdout</translation>
    </message>
    <message>
        <source>the EvalX API cannot place data files beside the program</source>
        <translation>l&apos;API EvalX ne peut pas placer de fichiers de données à côté du programme</translation>
    </message>
    <message>
        <source>the EvalX API takes no compiler options</source>
        <translation>l&apos;API EvalX n&apos;accepte pas d&apos;options de compilation</translation>
    </message>
    <message>
        <source>the testlib checker has no sources</source>
        <translation>le vérificateur testlib n&apos;a pas de sources</translation>
    </message>
    <message>
        <source>the EvalX API cannot run a Kattis output validator</source>
        <translation>l&apos;API EvalX ne peut pas exécuter de validateur de sortie Kattis</translation>
    </message>
    <message>
        <source>test %1 has a checker of its own, which the EvalX API cannot take</source>
        <translation>le test %1 a son propre vérificateur, que l&apos;API EvalX ne peut pas prendre en charge</translation>
    </message>
    <message>
        <source>input of test %1</source>
        <translation>entrée du test %1</translation>
    </message>
    <message>
        <source>answer of test %1</source>
        <translation>réponse du test %1</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation>%1 n&apos;a pas répondu en %2 s</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>impossible de joindre %1 : %2</translation>
    </message>
    <message>
        <source>%1 answered without a token</source>
        <translation>%1 a répondu sans jeton</translation>
    </message>
</context>
<context>
    <name>evalx::ui::SettingsDialog</name>
    <message>
        <source>Serve the &amp;API from this window</source>
        <translation>Servir l&apos;AP&amp;I depuis cette fenêtre</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>One per core (%1)</source>
        <translation>Une par cœur (%1)</translation>
    </message>
    <message>
        <source>&amp;Boxes:</source>
        <translation>&amp;Boîtes :</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Time per test:</source>
        <translation>&amp;Temps par test :</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>&amp;Memory per test:</source>
        <translation>&amp;Mémoire par test :</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langage</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>not probed</source>
        <translation>non détectée</translation>
    </message>
    <message>
        <source>missing: install %1</source>
        <translation>absent : installez %1</translation>
    </message>
    <message>
        <source>Languages offered (unchecked ones are refused):</source>
        <translation>Langages proposés (ceux qui ne sont pas cochés sont refusés) :</translation>
    </message>
    <message>
        <source>&amp;Judging</source>
        <translation>&amp;Évaluation</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>A&amp;dresse :</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port :</translation>
    </message>
    <message>
        <source>none: anyone who can connect may submit</source>
        <translation>aucun : quiconque peut se connecter peut soumettre</translation>
    </message>
    <message>
        <source>&amp;Token (X-Auth-Token):</source>
        <translation>&amp;Jeton (X-Auth-Token) :</translation>
    </message>
    <message>
        <source>empty: jobs stay in this process</source>
        <translation>vide : les tâches restent dans ce processus</translation>
    </message>
    <message>
        <source>&amp;Redis URL:</source>
        <translation>URL &amp;Redis :</translation>
    </message>
    <message>
        <source>empty: judge on this computer</source>
        <translation>vide : évaluer sur cet ordinateur</translation>
    </message>
    <message>
        <source>&amp;Watch a server instead:</source>
        <translation>Surveiller un serveur à la pla&amp;ce :</translation>
    </message>
    <message>
        <source>Its to&amp;ken:</source>
        <translation>Son jet&amp;on :</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Serveur</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>Langue du système (%1)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation>Palette du système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claire</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>&amp;Palette:</source>
        <translation>&amp;Palette :</translation>
    </message>
    <message>
        <source>&amp;Look</source>
        <translation>&amp;Apparence</translation>
    </message>
</context>
<context>
    <name>evalx::ui::SubmissionModel</name>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Provenance</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langage</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>Tests</translation>
    </message>
    <message>
        <source>Max CPU</source>
        <translation>CPU max.</translation>
    </message>
    <message>
        <source>Max memory</source>
        <translation>Mémoire max.</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
</context>
<context>
    <name>evalx::ui::SubmissionsPage</name>
    <message>
        <source>&amp;Re-judge</source>
        <translation>&amp;Réévaluer</translation>
    </message>
    <message>
        <source>Submit the selected submissions again (%1)</source>
        <translation>Soumettre à nouveau les soumissions sélectionnées (%1)</translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation>Tous les verdicts</translation>
    </message>
    <message>
        <source>Queued or running</source>
        <translation>En attente ou en cours</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Tous les langages</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Toutes les provenances</translation>
    </message>
    <message>
        <source>Search token, origin, language, message</source>
        <translation>Rechercher un jeton, une origine, un langage, un message</translation>
    </message>
    <message>
        <source>No compiler output.</source>
        <translation>Aucune sortie du compilateur.</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Compiler output</source>
        <translation>Sortie du compilateur</translation>
    </message>
    <message>
        <source>Select a submission to see its source, its compiler&apos;s output and its tests.</source>
        <translation>Sélectionnez une soumission pour voir sa source, la sortie du compilateur et ses tests.</translation>
    </message>
    <message>
        <source>The judge no longer keeps submission %1.</source>
        <translation>Le juge ne conserve plus la soumission %1.</translation>
    </message>
    <message>
        <source>%1 — %2 — %3 — %4</source>
        <translation>%1 — %2 — %3 — %4</translation>
    </message>
    <message>
        <source>%1 is no longer kept</source>
        <translation>%1 n&apos;est plus conservée</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>Re-judging %n submission(s).</source>
        <translation>
            <numerusform>Réévaluation de %n soumission.</numerusform>
            <numerusform>Réévaluation de %n soumissions.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not re-judge %1</source>
        <translation>Impossible de réévaluer %1</translation>
    </message>
    <message>
        <source>&amp;Export selection…</source>
        <translation>&amp;Exporter la sélection…</translation>
    </message>
    <message>
        <source>Save the selected submissions as an HTML, PDF, CSV or JSON report</source>
        <translation>Enregistrer les soumissions sélectionnées dans un rapport HTML, PDF, CSV ou JSON</translation>
    </message>
    <message>
        <source>no submission selected</source>
        <translation>aucune soumission sélectionnée</translation>
    </message>
    <message>
        <source>Nothing exported: %1</source>
        <translation>Rien n’a été exporté : %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n submission(s) to %1</source>
        <translation>
            <numerusform>%n soumission exportée vers %1</numerusform>
            <numerusform>%n soumissions exportées vers %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>evalx::ui::SubmitDialog</name>
    <message>
        <source>Submit a program</source>
        <translation>Soumettre un programme</translation>
    </message>
    <message>
        <source>The program&apos;s source</source>
        <translation>La source du programme</translation>
    </message>
    <message>
        <source>What the program reads</source>
        <translation>Ce que le programme lit</translation>
    </message>
    <message>
        <source>What it should print (empty: any output is accepted)</source>
        <translation>Ce qu&apos;il doit afficher (vide : toute sortie est acceptée)</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>&amp;Ouvrir un fichier…</translation>
    </message>
    <message>
        <source>Open a source file</source>
        <translation>Ouvrir un fichier source</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langage :</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Source :</translation>
    </message>
    <message>
        <source>&amp;Input:</source>
        <translation>&amp;Entrée :</translation>
    </message>
    <message>
        <source>&amp;Expected output:</source>
        <translation>Sortie &amp;attendue :</translation>
    </message>
    <message>
        <source>Sub&amp;mit</source>
        <translation>Sou&amp;mettre</translation>
    </message>
    <message>
        <source>%1 is larger than 1 MiB: not a source file?</source>
        <translation>%1 dépasse 1 MiB : est-ce bien un fichier source ?</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>Choose a language: none is available here.</source>
        <translation>Choisissez un langage : aucun n&apos;est disponible ici.</translation>
    </message>
    <message>
        <source>The source is empty.</source>
        <translation>La source est vide.</translation>
    </message>
</context>
<context>
    <name>evalx::ui::TestResultModel</name>
    <message>
        <source>Not run yet</source>
        <translation>Pas encore exécuté</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>CPU time</source>
        <translation>Temps CPU</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Temps réel</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Code de sortie</translation>
    </message>
    <message>
        <source>Checker message</source>
        <translation>Message du vérificateur</translation>
    </message>
</context>
</TS>
