#include "verdictcolors.h"

namespace evalx {

quint32 verdictRgb(Verdict verdict)
{
    switch (verdict) {
    case Verdict::AC:
        return 0x2ea043; // green
    case Verdict::WA:
        return 0xd73a49; // red
    case Verdict::PE:
        return 0xe36c8f; // pink
    case Verdict::TLE:
        return 0xdb8b0b; // amber
    case Verdict::MLE:
        return 0x9a5cd0; // violet
    case Verdict::OLE:
        return 0x3b82c4; // blue
    case Verdict::RE:
        return 0xb35a1f; // brown
    case Verdict::CE:
        return 0x6e7781; // slate
    case Verdict::IE:
        return 0x111111; // near black
    case Verdict::Skipped:
        break;
    }
    return 0xa0a0a0; // grey
}

QString verdictColorName(Verdict verdict)
{
    return QStringLiteral("#%1").arg(verdictRgb(verdict), 6, 16, QLatin1Char('0'));
}

const QList<Verdict> &verdictOrder()
{
    static const QList<Verdict> all{Verdict::AC,  Verdict::WA,     Verdict::PE, Verdict::TLE,
                                    Verdict::MLE, Verdict::OLE,    Verdict::RE, Verdict::CE,
                                    Verdict::IE,  Verdict::Skipped};
    return all;
}

} // namespace evalx
