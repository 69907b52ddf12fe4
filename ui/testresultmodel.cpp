#include "testresultmodel.h"
#include "submissionmodel.h"
#include "verdictstyle.h"

namespace evalx::ui {

TestResultModel::TestResultModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

TestResultModel::~TestResultModel() = default;

void TestResultModel::setJob(const JobRecord &job)
{
    QList<Row> rows(job.request.tests.size());
    for (int i = 0; i < rows.size(); ++i)
        rows[i].name = job.request.tests.at(i).name;
    // While the job runs its tests are listed in the order they finished.
    for (const TestOutcome &t : job.result.tests) {
        if (t.index < 0)
            continue;
        if (t.index >= rows.size())
            rows.resize(t.index + 1);
        if (rows[t.index].name.isEmpty())
            rows[t.index].name = t.name;
        rows[t.index].outcome = t;
    }
    if (job.token == m_token && rows.size() == m_rows.size()) {
        m_rows = std::move(rows);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_token = job.token;
    m_rows = std::move(rows);
    endResetModel();
}

void TestResultModel::clear()
{
    beginResetModel();
    m_token.clear();
    m_rows.clear();
    endResetModel();
}

const TestOutcome *TestResultModel::outcome(int row) const
{
    if (row < 0 || row >= m_rows.size() || !m_rows.at(row).outcome)
        return nullptr;
    return &*m_rows.at(row).outcome;
}

int TestResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TestResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TestResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const bool run = row.outcome.has_value();
    switch (role) {
    case Qt::DisplayRole:
        return display(index.row(), index.column());
    case Qt::ForegroundRole:
        if (index.column() == VerdictColumn && run)
            return verdictColor(row.outcome->verdict);
        return {};
    case Qt::DecorationRole:
        if (index.column() == VerdictColumn && run)
            return verdictIcon(row.outcome->verdict);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == MessageColumn || index.column() == VerdictColumn)
            return display(index.row(), MessageColumn);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn && index.column() != MessageColumn &&
            index.column() != VerdictColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case TestIndexRole:
        return index.row();
    case VerdictRole:
        return run ? int(row.outcome->verdict) : -1;
    default:
        return {};
    }
}

QVariant TestResultModel::display(int rowIndex, int column) const
{
    const Row &row = m_rows.at(rowIndex);
    if (column == IndexColumn)
        return rowIndex + 1;
    if (column == NameColumn)
        return row.name;
    if (!row.outcome)
        return column == VerdictColumn ? tr("Not run yet") : QVariant();
    const TestOutcome &t = *row.outcome;
    switch (column) {
    case VerdictColumn:
        return verdictLabel(t.verdict);
    case CpuColumn:
        return formatSeconds(t.run.cpuSeconds);
    case WallColumn:
        return formatSeconds(t.run.wallSeconds);
    case MemoryColumn:
        return formatKib(t.run.memoryKib);
    case ExitColumn:
        if (t.verdict == Verdict::Skipped)
            return QString();
        if (t.run.signal)
            return signalName(t.run.signal);
        return t.run.exitCode;
    case MessageColumn: {
        // The checker's words about the output, else why the run itself failed.
        QString message = t.check.message;
        if (message.isEmpty() || (t.run.status != RunStatus::OK && !t.run.message.isEmpty()))
            message = t.run.message.isEmpty() ? message : t.run.message;
        if (!t.check.teamMessage.isEmpty())
            message += QStringLiteral(" — ") + t.check.teamMessage;
        return message;
    }
    default:
        return {};
    }
}

QVariant TestResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IndexColumn:
        return tr("#");
    case NameColumn:
        return tr("Name");
    case VerdictColumn:
        return tr("Verdict");
    case CpuColumn:
        return tr("CPU time");
    case WallColumn:
        return tr("Wall time");
    case MemoryColumn:
        return tr("Memory");
    case ExitColumn:
        return tr("Exit");
    case MessageColumn:
        return tr("Checker message");
    default:
        return {};
    }
}

} // namespace evalx::ui
