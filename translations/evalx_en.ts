<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>evalx::ui</name>
    <message>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compiling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local judge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Judge0 API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Piston API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EvalX API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(cannot read %1: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presentation error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time limit exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory limit exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output limit exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run-time error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compilation error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV, a row per test (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON, everything (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report was not written: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::BoxGridWidget</name>
    <message>
        <source>Box %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs, %2 failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No boxes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::Console</name>
    <message>
        <source>The server to watch must be an http:// or https:// URL, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API could not listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::DashboardPage</name>
    <message>
        <source>How far back the charts reach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>runs/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End to end p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End to end p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no judge to watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>judge unreachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n worker</numerusform>
            <numerusform>%n workers</numerusform>
        </translation>
    </message>
    <message>
        <source>queue %1 unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Verdicts (jobs finished per %n s)</source>
        <translation>
            <numerusform>Verdicts (jobs finished per %n s)</numerusform>
            <numerusform>Verdicts (jobs finished per %n s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>evalx::ui::LanguageDelegate</name>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::LocalJudgeModel</name>
    <message>
        <source>Choose a language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not judged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name does not say: choose the language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s CPU, %2 s wall, %3 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 judged submissions accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 submissions judged on this test passed it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Σ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::LocalJudgePage</name>
    <message>
        <source>Open a problem: a folder of NAME.in and NAME.out files, or an ICPC/Kattis package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;problem…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add submissions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a &amp;folder of submissions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Judge every submission (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit no more; what is being judged finishes (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m judged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local judging needs the engine in this process; this console watches %1. Start EvalX here to judge files on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add submissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a folder of submissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: preparing (building the checker, timing the accepted submissions)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the matrix and every result as HTML, PDF, CSV or JSON</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::LocalJudgeSession</name>
    <message>
        <source>Local judging needs the engine in this process.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken problem package: %1</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before it was judged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue refused it: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::LocalSource</name>
    <message>
        <source>this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, cgroup %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::MainWindow</name>
    <message>
        <source>EvalX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Submit a program…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Submissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Local judge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About EvalX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local judge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n worker</numerusform>
            <numerusform>%n workers</numerusform>
        </translation>
    </message>
    <message>
        <source>Redis %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue in this process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About EvalX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;EvalX %1&lt;/h3&gt;&lt;p&gt;A fast judge for untrusted programs: a sandbox of its own, Judge0- and Piston-compatible APIs, and this console.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::OutputDiffView</name>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a test to see its input and outputs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No expected output to compare with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected and actual output are the same line for line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines differ: %1 expected but not found, %2 found but not expected; the first difference is at line %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not run yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: any run that ends well is accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>showing the first %1 lines of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>showing the first %1 of %2 lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>evalx::ui::RemoteSource</name>
    <message>
        <source>waiting for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, cgroup %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server has no job queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server no longer has this job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the EvalX API cannot judge interactive problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the EvalX API cannot merge stderr into stdout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the EvalX API cannot place data files beside the program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the EvalX API takes no compiler options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the testlib checker has no sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the EvalX API cannot run a Kattis output validator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test %1 has a checker of its own, which the EvalX API cannot take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input of test %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer of test %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered without a token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::SettingsDialog</name>
    <message>
        <source>Serve the &amp;API from this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per core (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Boxes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time per test:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Memory per test:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not probed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing: install %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Languages offered (unchecked ones are refused):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Judging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: anyone who can connect may submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token (X-Auth-Token):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: jobs stay in this process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redis URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: judge on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Watch a server instead:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its to&amp;ken:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Palette:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Look</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::SubmissionModel</name>
    <message>
        <source>%1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::SubmissionsPage</name>
    <message>
        <source>&amp;Re-judge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit the selected submissions again (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued or running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search token, origin, language, message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No compiler output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compiler output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a submission to see its source, its compiler&apos;s output and its tests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The judge no longer keeps submission %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 — %3 — %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Re-judging %n submission(s).</source>
        <translation>
            <numerusform>Re-judging %n submission.</numerusform>
            <numerusform>Re-judging %n submissions.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not re-judge %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export selection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected submissions as an HTML, PDF, CSV or JSON report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no submission selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n submission(s) to %1</source>
        <translation>
            <numerusform>Exported %n submission to %1</numerusform>
            <numerusform>Exported %n submissions to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>evalx::ui::SubmitDialog</name>
    <message>
        <source>Submit a program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The program&apos;s source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the program reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it should print (empty: any output is accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a source file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Input:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expected output:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sub&amp;mit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than 1 MiB: not a source file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a language: none is available here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>evalx::ui::TestResultModel</name>
    <message>
        <source>Not run yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checker message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
