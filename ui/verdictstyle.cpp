#include "verdictstyle.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace evalx::ui {

QColor verdictColor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::AC:
        return QColor(0x2e, 0xa0, 0x43); // green
    case Verdict::WA:
        return QColor(0xd7, 0x3a, 0x49); // red
    case Verdict::PE:
        return QColor(0xe3, 0x6c, 0x8f); // pink
    case Verdict::TLE:
        return QColor(0xdb, 0x8b, 0x0b); // amber
    case Verdict::MLE:
        return QColor(0x9a, 0x5c, 0xd0); // violet
    case Verdict::OLE:
        return QColor(0x3b, 0x82, 0xc4); // blue
    case Verdict::RE:
        return QColor(0xb3, 0x5a, 0x1f); // brown
    case Verdict::CE:
        return QColor(0x6e, 0x77, 0x81); // slate
    case Verdict::IE:
        return QColor(0x11, 0x11, 0x11); // near black
    case Verdict::Skipped:
        break;
    }
    return QColor(0xa0, 0xa0, 0xa0); // grey
}

QIcon verdictIcon(Verdict verdict)
{
    // Drawn once per verdict from resources/icons/verdict-*.svg where the
    // resource exists, else a filled circle of the verdict's colour.
    static QHash<int, QIcon> icons;
    const int key = int(verdict);
    auto it = icons.constFind(key);
    if (it != icons.constEnd())
        return *it;
    QIcon icon(QStringLiteral(":/icons/verdict-%1.svg").arg(verdictName(verdict).toLower()));
    if (icon.availableSizes().isEmpty() && icon.pixmap(16).isNull()) {
        QPixmap pixmap(32, 32);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(verdictColor(verdict));
        painter.drawEllipse(4, 4, 24, 24);
        icon = QIcon(pixmap);
    }
    icons.insert(key, icon);
    return icon;
}

QString verdictLabel(Verdict verdict)
{
    switch (verdict) {
    case Verdict::AC:
        return QCoreApplication::translate("evalx::ui", "Accepted");
    case Verdict::WA:
        return QCoreApplication::translate("evalx::ui", "Wrong answer");
    case Verdict::PE:
        return QCoreApplication::translate("evalx::ui", "Presentation error");
    case Verdict::TLE:
        return QCoreApplication::translate("evalx::ui", "Time limit exceeded");
    case Verdict::MLE:
        return QCoreApplication::translate("evalx::ui", "Memory limit exceeded");
    case Verdict::OLE:
        return QCoreApplication::translate("evalx::ui", "Output limit exceeded");
    case Verdict::RE:
        return QCoreApplication::translate("evalx::ui", "Run-time error");
    case Verdict::CE:
        return QCoreApplication::translate("evalx::ui", "Compilation error");
    case Verdict::IE:
        return QCoreApplication::translate("evalx::ui", "Internal error");
    case Verdict::Skipped:
        break;
    }
    return QCoreApplication::translate("evalx::ui", "Skipped");
}

const QList<Verdict> &allVerdicts()
{
    static const QList<Verdict> all{Verdict::AC,  Verdict::WA, Verdict::PE, Verdict::TLE,
                                    Verdict::MLE, Verdict::OLE, Verdict::RE, Verdict::CE,
                                    Verdict::IE,  Verdict::Skipped};
    return all;
}

} // namespace evalx::ui
