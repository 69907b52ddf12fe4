#include "localjudgemodel.h"
#include "localjudgesession.h"
#include "verdictstyle.h"

#include <QFont>
#include <QLocale>

namespace evalx::ui {

namespace {

QString stateText(const LocalJudgeEntry &e)
{
    using State = LocalJudgeEntry::State;
    switch (e.state) {
    case State::NeedsLanguage:
        return LocalJudgeModel::tr("Choose a language");
    case State::Idle:
        return {};
    case State::Pending:
        return LocalJudgeModel::tr("Waiting");
    case State::Queued:
        return LocalJudgeModel::tr("Queued");
    case State::Running: {
        const int judged = int(std::count_if(e.tests.cbegin(), e.tests.cend(),
                                             [](const auto &t) { return t.has_value(); }));
        return LocalJudgeModel::tr("Running %1/%2").arg(judged).arg(e.tests.size());
    }
    case State::Done:
        break;
    case State::Failed:
        return LocalJudgeModel::tr("Not judged");
    case State::Cancelled:
        return LocalJudgeModel::tr("Cancelled");
    }
    return {};
}

QString number(double value)
{
    return QLocale().toString(value, 'g', 6);
}

} // namespace

LocalJudgeModel::LocalJudgeModel(LocalJudgeSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    connect(m_session, &LocalJudgeSession::problemAboutToChange, this,
            &LocalJudgeModel::beginResetModel);
    connect(m_session, &LocalJudgeSession::problemChanged, this, &LocalJudgeModel::endResetModel);
    connect(m_session, &LocalJudgeSession::entriesAboutToBeAdded, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(m_session, &LocalJudgeSession::entriesAdded, this, [this] {
        endInsertRows();
        // The totals count the new rows' (absent) results.
        Q_EMIT dataChanged(index(totalsRow(), 0), index(totalsRow(), columnCount() - 1));
    });
    connect(m_session, &LocalJudgeSession::entryChanged, this, &LocalJudgeModel::onEntryChanged);
}

LocalJudgeModel::~LocalJudgeModel() = default;

int LocalJudgeModel::testCount() const
{
    const Problem *p = m_session->problem();
    return p ? int(p->tests.size()) : 0;
}

int LocalJudgeModel::totalsRow() const
{
    return m_session->count();
}

int LocalJudgeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_session->count() + 1;
}

int LocalJudgeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstTest + testCount();
}

void LocalJudgeModel::onEntryChanged(int row)
{
    const int last = columnCount() - 1;
    Q_EMIT dataChanged(index(row, 0), index(row, last));
    Q_EMIT dataChanged(index(totalsRow(), 0), index(totalsRow(), last));
}

QVariant LocalJudgeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.row() == totalsRow())
        return totalsData(index.column(), role);
    return entryData(m_session->entry(index.row()), index.column(), role);
}

QVariant LocalJudgeModel::entryData(const LocalJudgeEntry &e, int column, int role) const
{
    if (role == StateRole)
        return int(e.state);
    switch (column) {
    case Student:
        if (role == Qt::DisplayRole)
            return e.student;
        if (role == Qt::ToolTipRole)
            return e.path;
        return {};
    case Language:
        if (role == Qt::DisplayRole)
            return e.languageId.isEmpty() ? tr("Choose…") : m_session->languageName(e.languageId);
        if (role == Qt::EditRole)
            return e.languageId;
        if (role == LanguageChosenRole)
            return !e.languageDetected;
        if (role == Qt::ToolTipRole)
            return e.languageDetected ? tr("From the file name")
                                      : tr("The file name does not say: choose the language");
        return {};
    case Total:
        return totalCell(e, role);
    default:
        return testCell(e, column - FirstTest, role);
    }
}

QVariant LocalJudgeModel::totalCell(const LocalJudgeEntry &e, int role) const
{
    if (e.state != LocalJudgeEntry::State::Done || !e.score) {
        if (role == Qt::DisplayRole)
            return stateText(e);
        if (role == Qt::ToolTipRole && !e.message.isEmpty())
            return e.message;
        return {};
    }
    const SubmissionScore &s = *e.score;
    switch (role) {
    case Qt::DisplayRole: {
        const Problem *p = m_session->problem();
        if (p && p->type == ProblemType::Scoring && s.score) {
            return s.maxScore ? tr("%1/%2").arg(number(*s.score), number(*s.maxScore))
                              : number(*s.score);
        }
        return tr("%1/%2").arg(e.passed()).arg(e.tests.size());
    }
    case Qt::DecorationRole:
        return verdictIcon(s.verdict);
    case VerdictRole:
        return int(s.verdict);
    case Qt::ToolTipRole: {
        QString tip = verdictLabel(s.verdict);
        if (!e.message.isEmpty())
            tip += QLatin1Char('\n') + e.message;
        if (!e.compileOutput.isEmpty())
            tip += QLatin1String("\n\n") + e.compileOutput.left(2000);
        return tip;
    }
    default:
        return {};
    }
}

QVariant LocalJudgeModel::testCell(const LocalJudgeEntry &e, int test, int role) const
{
    if (test < 0 || test >= e.tests.size())
        return {};
    const std::optional<TestOutcome> &t = e.tests[test];
    if (!t) {
        if (role == Qt::DisplayRole && e.state == LocalJudgeEntry::State::Running)
            return QStringLiteral("…");
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignCenter);
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return verdictName(t->verdict);
    case Qt::BackgroundRole:
        return verdictColor(t->verdict);
    case Qt::ForegroundRole:
        return QColor(Qt::white);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case VerdictRole:
        return int(t->verdict);
    case Qt::ToolTipRole: {
        QString tip = tr("%1: %2").arg(t->name, verdictLabel(t->verdict));
        if (t->verdict != Verdict::CE && t->verdict != Verdict::Skipped)
            tip += QLatin1Char('\n') + tr("%1 s CPU, %2 s wall, %3 KiB")
                                           .arg(QString::number(t->run.cpuSeconds, 'f', 3),
                                                QString::number(t->run.wallSeconds, 'f', 3))
                                           .arg(t->run.memoryKib);
        const QString message = evalx::testMessage(*t); // report.h: as `evalx judge` says it
        if (!message.isEmpty())
            tip += QLatin1Char('\n') + message.left(500);
        return tip;
    }
    default:
        return {};
    }
}

QVariant LocalJudgeModel::totalsData(int column, int role) const
{
    if (role == Qt::FontRole) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    const int rows = m_session->count();
    if (column == Student)
        return role == Qt::DisplayRole ? QVariant(tr("Passed")) : QVariant();
    if (column == Language)
        return {};
    if (column == Total) {
        int judged = 0;
        int accepted = 0;
        for (int r = 0; r < rows; ++r) {
            const LocalJudgeEntry &e = m_session->entry(r);
            if (e.state == LocalJudgeEntry::State::Done && e.score) {
                ++judged;
                accepted += e.score->verdict == Verdict::AC ? 1 : 0;
            }
        }
        if (role == Qt::DisplayRole)
            return tr("%1/%2").arg(accepted).arg(judged);
        if (role == Qt::ToolTipRole)
            return tr("%1 of %2 judged submissions accepted").arg(accepted).arg(judged);
        return {};
    }
    const int test = column - FirstTest;
    int judged = 0;
    int passed = 0;
    for (int r = 0; r < rows; ++r) {
        const LocalJudgeEntry &e = m_session->entry(r);
        if (test < e.tests.size() && e.tests[test]) {
            ++judged;
            passed += e.tests[test]->verdict == Verdict::AC ? 1 : 0;
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1/%2").arg(passed).arg(judged);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::ToolTipRole:
        return tr("%1 of %2 submissions judged on this test passed it").arg(passed).arg(judged);
    default:
        return {};
    }
}

bool LocalJudgeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != Language || index.row() >= totalsRow() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    return m_session->setLanguage(index.row(), value.toString());
}

QVariant LocalJudgeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role != Qt::DisplayRole)
            return {};
        return section == totalsRow() ? tr("Σ") : QString::number(section + 1);
    }
    switch (section) {
    case Student:
        return role == Qt::DisplayRole ? QVariant(tr("Student")) : QVariant();
    case Language:
        return role == Qt::DisplayRole ? QVariant(tr("Language")) : QVariant();
    case Total:
        return role == Qt::DisplayRole ? QVariant(tr("Total")) : QVariant();
    default:
        break;
    }
    const Problem *p = m_session->problem();
    const int test = section - FirstTest;
    if (!p || test < 0 || test >= p->tests.size())
        return {};
    if (role == Qt::DisplayRole)
        return p->tests[test].name;
    if (role == Qt::ToolTipRole)
        return p->tests[test].inputPath;
    return {};
}

Qt::ItemFlags LocalJudgeModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Language && index.row() < totalsRow() &&
        !m_session->entry(index.row()).isActive())
        f |= Qt::ItemIsEditable;
    return f;
}

} // namespace evalx::ui
