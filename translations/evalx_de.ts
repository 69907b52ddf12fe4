<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>evalx::ui</name>
    <message>
        <source>Starting</source>
        <translation>Wird gestartet</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Compiling</source>
        <translation>Wird kompiliert</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation>Wird bereinigt</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Local judge</source>
        <translation>Lokale Bewertung</translation>
    </message>
    <message>
        <source>Judge0 API</source>
        <translation>Judge0-API</translation>
    </message>
    <message>
        <source>Piston API</source>
        <translation>Piston-API</translation>
    </message>
    <message>
        <source>EvalX API</source>
        <translation>EvalX-API</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Andere</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>(cannot read %1: %2)</source>
        <translation>(%1 kann nicht gelesen werden: %2)</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Akzeptiert</translation>
    </message>
    <message>
        <source>Wrong answer</source>
        <translation>Falsche Antwort</translation>
    </message>
    <message>
        <source>Presentation error</source>
        <translation>Formatfehler</translation>
    </message>
    <message>
        <source>Time limit exceeded</source>
        <translation>Zeitlimit überschritten</translation>
    </message>
    <message>
        <source>Memory limit exceeded</source>
        <translation>Speicherlimit überschritten</translation>
    </message>
    <message>
        <source>Output limit exceeded</source>
        <translation>Ausgabelimit überschritten</translation>
    </message>
    <message>
        <source>Run-time error</source>
        <translation>Laufzeitfehler</translation>
    </message>
    <message>
        <source>Compilation error</source>
        <translation>Kompilierfehler</translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation>Interner Fehler</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>HTML-Bericht (*.html)</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>PDF-Bericht (*.pdf)</translation>
    </message>
    <message>
        <source>CSV, a row per test (*.csv)</source>
        <translation>CSV, eine Zeile pro Test (*.csv)</translation>
    </message>
    <message>
        <source>JSON, everything (*.json)</source>
        <translation>JSON, alles (*.json)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>The report was not written: %1</source>
        <translation>Der Bericht wurde nicht geschrieben: %1</translation>
    </message>
</context>
<context>
    <name>evalx::ui::BoxGridWidget</name>
    <message>
        <source>Box %1: %2</source>
        <translation>Box %1: %2</translation>
    </message>
    <message>
        <source>%1 runs, %2 failures</source>
        <translation>%1 Läufe, %2 Fehlschläge</translation>
    </message>
    <message>
        <source>No boxes</source>
        <translation>Keine Boxen</translation>
    </message>
</context>
<context>
    <name>evalx::ui::Console</name>
    <message>
        <source>The server to watch must be an http:// or https:// URL, not &apos;%1&apos;</source>
        <translation>Der zu überwachende Server muss eine http://- oder https://-Adresse sein, nicht „%1“</translation>
    </message>
    <message>
        <source>The sandbox could not start: %1</source>
        <translation>Die Sandbox konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>The API could not listen on %1:%2: %3</source>
        <translation>Die API konnte nicht auf %1:%2 lauschen: %3</translation>
    </message>
</context>
<context>
    <name>evalx::ui::DashboardPage</name>
    <message>
        <source>How far back the charts reach</source>
        <translation>Wie weit die Diagramme zurückreichen</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Arbeitsprozesse</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <source>Runs/s</source>
        <translation>Läufe/s</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>Länge der Warteschlange</translation>
    </message>
    <message>
        <source>jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Runs per second</source>
        <translation>Läufe pro Sekunde</translation>
    </message>
    <message>
        <source>runs/s</source>
        <translation>Läufe/s</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>End to end p50</source>
        <translation>Gesamtdauer p50</translation>
    </message>
    <message>
        <source>End to end p95</source>
        <translation>Gesamtdauer p95</translation>
    </message>
    <message>
        <source>Run p50</source>
        <translation>Ausführung p50</translation>
    </message>
    <message>
        <source>Run p95</source>
        <translation>Ausführung p95</translation>
    </message>
    <message>
        <source>Verdicts</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Box pool</source>
        <translation>Box-Pool</translation>
    </message>
    <message>
        <source>no judge to watch</source>
        <translation>kein Judge zu überwachen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1, unreachable</source>
        <translation>%1, nicht erreichbar</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>judge unreachable: %1</source>
        <translation>Judge nicht erreichbar: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n Arbeitsprozess</numerusform>
            <numerusform>%n Arbeitsprozesse</numerusform>
        </translation>
    </message>
    <message>
        <source>queue %1 unreachable</source>
        <translation>Warteschlange %1 nicht erreichbar</translation>
    </message>
    <message>
        <source>queue %1 %2</source>
        <translation>Warteschlange %1 %2</translation>
    </message>
    <message>
        <source>API off</source>
        <translation>API aus</translation>
    </message>
    <message>
        <source>API %1</source>
        <translation>API %1</translation>
    </message>
    <message numerus="yes">
        <source>Verdicts (jobs finished per %n s)</source>
        <translation>
            <numerusform>Ergebnisse (abgeschlossene Aufträge je %n s)</numerusform>
            <numerusform>Ergebnisse (abgeschlossene Aufträge je %n s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>evalx::ui::LanguageDelegate</name>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
</context>
<context>
    <name>evalx::ui::LocalJudgeModel</name>
    <message>
        <source>Choose a language</source>
        <translation>Sprache auswählen</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <source>Running %1/%2</source>
        <translation>Läuft %1/%2</translation>
    </message>
    <message>
        <source>Not judged</source>
        <translation>Nicht bewertet</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>From the file name</source>
        <translation>Aus dem Dateinamen</translation>
    </message>
    <message>
        <source>The file name does not say: choose the language</source>
        <translation>Der Dateiname verrät sie nicht: Sprache auswählen</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 s CPU, %2 s wall, %3 KiB</source>
        <translation>%1 s CPU, %2 s Echtzeit, %3 KiB</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>%1 of %2 judged submissions accepted</source>
        <translation>%1 von %2 bewerteten Einreichungen akzeptiert</translation>
    </message>
    <message>
        <source>%1 of %2 submissions judged on this test passed it</source>
        <translation>%1 von %2 mit diesem Test bewerteten Einreichungen haben ihn bestanden</translation>
    </message>
    <message>
        <source>Σ</source>
        <translation>Σ</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
</context>
<context>
    <name>evalx::ui::LocalJudgePage</name>
    <message>
        <source>Open a problem: a folder of NAME.in and NAME.out files, or an ICPC/Kattis package.</source>
        <translation>Eine Aufgabe öffnen: einen Ordner mit NAME.in- und NAME.out-Dateien oder ein ICPC/Kattis-Paket.</translation>
    </message>
    <message>
        <source>Open &amp;problem…</source>
        <translation>&amp;Aufgabe öffnen…</translation>
    </message>
    <message>
        <source>&amp;Add submissions…</source>
        <translation>Einreichungen &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Add a &amp;folder of submissions…</source>
        <translation>&amp;Ordner mit Einreichungen hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>A&amp;bbrechen</translation>
    </message>
    <message>
        <source>Judge every submission (F5)</source>
        <translation>Alle Einreichungen bewerten (F5)</translation>
    </message>
    <message>
        <source>Submit no more; what is being judged finishes (Esc)</source>
        <translation>Nichts mehr einreichen; laufende Bewertungen werden abgeschlossen (Esc)</translation>
    </message>
    <message>
        <source>%v of %m judged</source>
        <translation>%v von %m bewertet</translation>
    </message>
    <message>
        <source>Local judging needs the engine in this process; this console watches %1. Start EvalX here to judge files on this computer.</source>
        <translation>Die lokale Bewertung benötigt die Engine in diesem Prozess; diese Konsole überwacht %1. EvalX hier starten, um Dateien auf diesem Computer zu bewerten.</translation>
    </message>
    <message>
        <source>Open a problem</source>
        <translation>Aufgabe öffnen</translation>
    </message>
    <message>
        <source>Add submissions</source>
        <translation>Einreichungen hinzufügen</translation>
    </message>
    <message>
        <source>Add a folder of submissions</source>
        <translation>Ordner mit Einreichungen hinzufügen</translation>
    </message>
    <message>
        <source>%1: preparing (building the checker, timing the accepted submissions)…</source>
        <translation>%1: wird vorbereitet (Checker wird erstellt, akzeptierte Einreichungen werden gemessen)…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>Bericht Bericht &amp;exportieren …amp;exportieren…</translation>
    </message>
    <message>
        <source>Save the matrix and every result as HTML, PDF, CSV or JSON</source>
        <translation>Die Matrix und alle Ergebnisse als HTML, PDF, CSV oder JSON speichern</translation>
    </message>
</context>
<context>
    <name>evalx::ui::LocalJudgeSession</name>
    <message>
        <source>Local judging needs the engine in this process.</source>
        <translation>Die lokale Bewertung benötigt die Engine in diesem Prozess.</translation>
    </message>
    <message>
        <source>The sandbox is not running.</source>
        <translation>Die Sandbox läuft nicht.</translation>
    </message>
    <message>
        <source>Broken problem package: %1</source>
        <translation>Fehlerhaftes Aufgabenpaket: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n test(s)</source>
        <translation>
            <numerusform>%n Test</numerusform>
            <numerusform>%n Tests</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, time limit %2 s (%3), memory %4 MiB</source>
        <translation>%1, Zeitlimit %2 s (%3), Speicher %4 MiB</translation>
    </message>
    <message>
        <source>Cancelled before it was judged.</source>
        <translation>Vor der Bewertung abgebrochen.</translation>
    </message>
    <message>
        <source>The queue refused it: %1</source>
        <translation>Von der Warteschlange abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>evalx::ui::LocalSource</name>
    <message>
        <source>this computer</source>
        <translation>diesen Computer</translation>
    </message>
    <message>
        <source>the sandbox is not running</source>
        <translation>die Sandbox läuft nicht</translation>
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
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Submit a program…</source>
        <translation>Programm ein&amp;reichen…</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Übersicht</translation>
    </message>
    <message>
        <source>&amp;Submissions</source>
        <translation>&amp;Einreichungen</translation>
    </message>
    <message>
        <source>&amp;Local judge</source>
        <translation>&amp;Lokale Bewertung</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About EvalX</source>
        <translation>&amp;Über EvalX</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation>Einreichungen</translation>
    </message>
    <message>
        <source>Local judge</source>
        <translation>Lokale Bewertung</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n Arbeitsprozess</numerusform>
            <numerusform>%n Arbeitsprozesse</numerusform>
        </translation>
    </message>
    <message>
        <source>Redis %1: %2</source>
        <translation>Redis %1: %2</translation>
    </message>
    <message>
        <source>queue in this process</source>
        <translation>Warteschlange in diesem Prozess</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>API off</source>
        <translation>API aus</translation>
    </message>
    <message>
        <source>API at %1</source>
        <translation>API unter %1</translation>
    </message>
    <message>
        <source>Sandbox: %1</source>
        <translation>Sandbox: %1</translation>
    </message>
    <message>
        <source>About EvalX</source>
        <translation>Über EvalX</translation>
    </message>
    <message>
        <source>&lt;h3&gt;EvalX %1&lt;/h3&gt;&lt;p&gt;A fast judge for untrusted programs: a sandbox of its own, Judge0- and Piston-compatible APIs, and this console.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;EvalX %1&lt;/h3&gt;&lt;p&gt;Ein schneller Judge für nicht vertrauenswürdige Programme: eine eigene Sandbox, zu Judge0 und Piston kompatible APIs und diese Konsole.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>evalx::ui::OutputDiffView</name>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Expected output</source>
        <translation>Erwartete Ausgabe</translation>
    </message>
    <message>
        <source>Actual output</source>
        <translation>Tatsächliche Ausgabe</translation>
    </message>
    <message>
        <source>Select a test to see its input and outputs.</source>
        <translation>Einen Test auswählen, um seine Eingabe und Ausgaben zu sehen.</translation>
    </message>
    <message>
        <source>No expected output to compare with.</source>
        <translation>Keine erwartete Ausgabe zum Vergleichen.</translation>
    </message>
    <message>
        <source>Expected and actual output are the same line for line.</source>
        <translation>Erwartete und tatsächliche Ausgabe stimmen Zeile für Zeile überein.</translation>
    </message>
    <message>
        <source>Lines differ: %1 expected but not found, %2 found but not expected; the first difference is at line %3.</source>
        <translation>Die Zeilen unterscheiden sich: %1 erwartet, aber nicht gefunden, %2 gefunden, aber nicht erwartet; der erste Unterschied ist in Zeile %3.</translation>
    </message>
    <message>
        <source>Not run yet.</source>
        <translation>Noch nicht ausgeführt.</translation>
    </message>
    <message>
        <source>None: any run that ends well is accepted.</source>
        <translation>Keine: Jeder erfolgreich beendete Lauf wird akzeptiert.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>showing the first %1 lines of %2</source>
        <translation>die ersten %1 Zeilen von %2 werden angezeigt</translation>
    </message>
    <message>
        <source>showing the first %1 of %2 lines</source>
        <translation>die ersten %1 von %2 Zeilen werden angezeigt</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>evalx::ui::RemoteSource</name>
    <message>
        <source>waiting for %1</source>
        <translation>warte auf %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, cgroup %2</source>
        <translation>%1, cgroup %2</translation>
    </message>
    <message>
        <source>the server has no job queue</source>
        <translation>der Server hat keine Auftragswarteschlange</translation>
    </message>
    <message>
        <source>the server no longer has this job</source>
        <translation>der Server hat diesen Auftrag nicht mehr</translation>
    </message>
    <message>
        <source>the EvalX API cannot judge interactive problems</source>
        <translation>die EvalX-API kann keine interaktiven Aufgaben bewerten</translation>
    </message>
    <message>
        <source>the EvalX API cannot merge stderr into stdout</source>
        <translation>die EvalX-API kann stderr nicht in stdout zusammenführen</translation>
    </message>
    <message>
        <source>the EvalX API cannot place data files beside the program</source>
        <translation>die EvalX-API kann keine Datendateien neben das Programm legen</translation>
    </message>
    <message>
        <source>the EvalX API takes no compiler options</source>
        <translation>die EvalX-API nimmt keine Compiler-Optionen an</translation>
    </message>
    <message>
        <source>the testlib checker has no sources</source>
        <translation>der testlib-Checker hat keine Quelltexte</translation>
    </message>
    <message>
        <source>the EvalX API cannot run a Kattis output validator</source>
        <translation>die EvalX-API kann keinen Kattis-Ausgabevalidator ausführen</translation>
    </message>
    <message>
        <source>test %1 has a checker of its own, which the EvalX API cannot take</source>
        <translation>Test %1 hat einen eigenen Checker, den die EvalX-API nicht übernehmen kann</translation>
    </message>
    <message>
        <source>input of test %1</source>
        <translation>Eingabe von Test %1</translation>
    </message>
    <message>
        <source>answer of test %1</source>
        <translation>Antwort von Test %1</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>%1 nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>%1 answered without a token</source>
        <translation>%1 hat ohne Token geantwortet</translation>
    </message>
</context>
<context>
    <name>evalx::ui::SettingsDialog</name>
    <message>
        <source>Serve the &amp;API from this window</source>
        <translation>&amp;API aus diesem Fenster bereitstellen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>One per core (%1)</source>
        <translation>Eine pro Kern (%1)</translation>
    </message>
    <message>
        <source>&amp;Boxes:</source>
        <translation>B&amp;oxen:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Time per test:</source>
        <translation>&amp;Zeit pro Test:</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>&amp;Memory per test:</source>
        <translation>Spei&amp;cher pro Test:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>not probed</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>missing: install %1</source>
        <translation>fehlt: %1 installieren</translation>
    </message>
    <message>
        <source>Languages offered (unchecked ones are refused):</source>
        <translation>Angebotene Sprachen (nicht markierte werden abgelehnt):</translation>
    </message>
    <message>
        <source>&amp;Judging</source>
        <translation>&amp;Bewertung</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>Adr&amp;esse:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>none: anyone who can connect may submit</source>
        <translation>kein Token: Jeder, der sich verbinden kann, darf einreichen</translation>
    </message>
    <message>
        <source>&amp;Token (X-Auth-Token):</source>
        <translation>To&amp;ken (X-Auth-Token):</translation>
    </message>
    <message>
        <source>empty: jobs stay in this process</source>
        <translation>leer: Aufträge bleiben in diesem Prozess</translation>
    </message>
    <message>
        <source>&amp;Redis URL:</source>
        <translation>Red&amp;is-URL:</translation>
    </message>
    <message>
        <source>empty: judge on this computer</source>
        <translation>leer: auf diesem Computer bewerten</translation>
    </message>
    <message>
        <source>&amp;Watch a server instead:</source>
        <translation>Stattdessen Server &amp;überwachen:</translation>
    </message>
    <message>
        <source>Its to&amp;ken:</source>
        <translation>Token des Ser&amp;vers:</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation>Systemsprache (%1)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>Sp&amp;rache:</translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Palette:</source>
        <translation>&amp;Farben:</translation>
    </message>
    <message>
        <source>&amp;Look</source>
        <translation>&amp;Darstellung</translation>
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
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>Tests</translation>
    </message>
    <message>
        <source>Max CPU</source>
        <translation>Max. CPU</translation>
    </message>
    <message>
        <source>Max memory</source>
        <translation>Max. Speicher</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Ursprung</translation>
    </message>
</context>
<context>
    <name>evalx::ui::SubmissionsPage</name>
    <message>
        <source>&amp;Re-judge</source>
        <translation>&amp;Neu bewerten</translation>
    </message>
    <message>
        <source>Submit the selected submissions again (%1)</source>
        <translation>Die ausgewählten Einreichungen erneut einreichen (%1)</translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation>Jedes Ergebnis</translation>
    </message>
    <message>
        <source>Queued or running</source>
        <translation>Wartend oder laufend</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Jede Sprache</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Jede Herkunft</translation>
    </message>
    <message>
        <source>Search token, origin, language, message</source>
        <translation>Token, Ursprung, Sprache, Meldung durchsuchen</translation>
    </message>
    <message>
        <source>No compiler output.</source>
        <translation>Keine Compiler-Ausgabe.</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelltext</translation>
    </message>
    <message>
        <source>Compiler output</source>
        <translation>Compiler-Ausgabe</translation>
    </message>
    <message>
        <source>Select a submission to see its source, its compiler&apos;s output and its tests.</source>
        <translation>Eine Einreichung auswählen, um ihren Quelltext, die Ausgabe des Compilers und ihre Tests zu sehen.</translation>
    </message>
    <message>
        <source>The judge no longer keeps submission %1.</source>
        <translation>Der Judge bewahrt die Einreichung %1 nicht mehr auf.</translation>
    </message>
    <message>
        <source>%1 — %2 — %3 — %4</source>
        <translation>%1 — %2 — %3 — %4</translation>
    </message>
    <message>
        <source>%1 is no longer kept</source>
        <translation>%1 wird nicht mehr aufbewahrt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Re-judging %n submission(s).</source>
        <translation>
            <numerusform>%n Einreichung wird neu bewertet.</numerusform>
            <numerusform>%n Einreichungen werden neu bewertet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not re-judge %1</source>
        <translation>%1 konnte nicht neu bewertet werden</translation>
    </message>
    <message>
        <source>&amp;Export selection…</source>
        <translation>Auswahl Auswahl &amp;exportieren …amp;exportieren…</translation>
    </message>
    <message>
        <source>Save the selected submissions as an HTML, PDF, CSV or JSON report</source>
        <translation>Die ausgewählten Einreichungen als HTML-, PDF-, CSV- oder JSON-Bericht speichern</translation>
    </message>
    <message>
        <source>no submission selected</source>
        <translation>keine Einreichung ausgewählt</translation>
    </message>
    <message>
        <source>Nothing exported: %1</source>
        <translation>Nichts exportiert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n submission(s) to %1</source>
        <translation>
            <numerusform>%n Einreichung nach %1 exportiert</numerusform>
            <numerusform>%n Einreichungen nach %1 exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>evalx::ui::SubmitDialog</name>
    <message>
        <source>Submit a program</source>
        <translation>Programm einreichen</translation>
    </message>
    <message>
        <source>The program&apos;s source</source>
        <translation>Der Quelltext des Programms</translation>
    </message>
    <message>
        <source>What the program reads</source>
        <translation>Was das Programm liest</translation>
    </message>
    <message>
        <source>What it should print (empty: any output is accepted)</source>
        <translation>Was es ausgeben soll (leer: jede Ausgabe wird akzeptiert)</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>Datei ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a source file</source>
        <translation>Quelldatei öffnen</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Quelltext:</translation>
    </message>
    <message>
        <source>&amp;Input:</source>
        <translation>&amp;Eingabe:</translation>
    </message>
    <message>
        <source>&amp;Expected output:</source>
        <translation>Erwartete &amp;Ausgabe:</translation>
    </message>
    <message>
        <source>Sub&amp;mit</source>
        <translation>Ein&amp;reichen</translation>
    </message>
    <message>
        <source>%1 is larger than 1 MiB: not a source file?</source>
        <translation>%1 ist größer als 1 MiB: keine Quelldatei?</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Choose a language: none is available here.</source>
        <translation>Eine Sprache auswählen: Hier ist keine verfügbar.</translation>
    </message>
    <message>
        <source>The source is empty.</source>
        <translation>Der Quelltext ist leer.</translation>
    </message>
</context>
<context>
    <name>evalx::ui::TestResultModel</name>
    <message>
        <source>Not run yet</source>
        <translation>Noch nicht ausgeführt</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>CPU time</source>
        <translation>CPU-Zeit</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Echtzeit</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Exit-Code</translation>
    </message>
    <message>
        <source>Checker message</source>
        <translation>Checker-Meldung</translation>
    </message>
</context>
</TS>
