#pragma once

#include <QIcon>
#include <QString>

namespace evalx::ui {

// One of the console's icons (resources/icons/NAME.svg), sharp at any size.
QIcon icon(const char *name);

// The window's palette: "system" (the platform's own), "light" or "dark"
// (Fusion with a palette of ours, so both look the same everywhere).
void applyTheme(const QString &theme);

// Installs the translation for code ("de", "fr"; "en" or empty: the system's
// language when one is built in, else English), Qt's own strings with it.
// False when code names a translation EvalX does not have.
bool applyLanguage(const QString &code);
// The language in effect ("en" when none is installed).
QString currentLanguage();

} // namespace evalx::ui
