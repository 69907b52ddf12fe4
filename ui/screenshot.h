#pragma once

#include <QString>

namespace evalx::ui {

class Console;
class MainWindow;

// evalx --screenshot FILE [--page dashboard|submissions|local]: gives the
// window a small real workload (programs accepted, wrong, too slow, not
// compiling; a class of five judged against a problem), waits for it, and
// renders the page to a PNG. False and why when the workload or the file fails.
bool takeScreenshot(MainWindow &window, Console &console, const QString &file,
                    const QString &page, QString *error);

} // namespace evalx::ui
