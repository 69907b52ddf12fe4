#include "appearance.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

namespace evalx::ui {

namespace {

struct Translators
{
    QTranslator evalx;
    QTranslator qt;
    QString language = QStringLiteral("en");
    QString originalStyle;
};

Translators &translators()
{
    static Translators t;
    return t;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80), highlight(0x3b, 0x82, 0xc4);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, highlight.lighter(130));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Mid, window.darker(130));
    p.setColor(QPalette::Dark, window.darker(160));
    p.setColor(QPalette::Light, window.lighter(150));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

} // namespace

QIcon icon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

void applyTheme(const QString &theme)
{
    Translators &t = translators();
    if (t.originalStyle.isEmpty())
        t.originalStyle = QApplication::style()->name();
    if (theme == QLatin1String("dark") || theme == QLatin1String("light")) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(theme == QLatin1String("dark")
                                     ? darkPalette()
                                     : QApplication::style()->standardPalette());
    } else {
        QApplication::setStyle(QStyleFactory::create(t.originalStyle));
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
}

bool applyLanguage(const QString &code)
{
    Translators &t = translators();
    QCoreApplication::removeTranslator(&t.evalx);
    QCoreApplication::removeTranslator(&t.qt);
    const QString name = QStringLiteral("evalx"), prefix = QStringLiteral("_"),
                  directory = QStringLiteral(":/i18n");
    // English has a catalogue too, for its plural forms ("1 worker", "2 workers").
    QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    const bool builtIn = t.evalx.load(locale, name, prefix, directory);
    const bool loaded = builtIn || t.evalx.load(QLocale(QLocale::English), name, prefix, directory);
    // The catalogue found says the language (the system's may list several).
    const QLocale found(t.evalx.language());
    if (!loaded || found.language() == QLocale::English)
        locale = QLocale(QLocale::English);
    else if (found.language() != locale.language())
        locale = found;
    QCoreApplication::installTranslator(&t.evalx);
    if (locale.language() != QLocale::English &&
        t.qt.load(locale, QStringLiteral("qtbase"), prefix,
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&t.qt);
    QLocale::setDefault(locale);
    t.language = locale.name().section(QLatin1Char('_'), 0, 0);
    // The system's language, when EvalX does not have it, is no mistake: English then.
    return builtIn || code.isEmpty();
}

QString currentLanguage()
{
    return translators().language;
}

} // namespace evalx::ui
