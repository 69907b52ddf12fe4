#include "verdictstyle.h"
#include "verdictcolors.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace evalx::ui {

QColor verdictColor(Verdict verdict)
{
    // Reports use the same colours: the table lives with them in the engine.
    return QColor::fromRgb(QRgb(verdictRgb(verdict)));
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
