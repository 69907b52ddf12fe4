#include "submissionmodel.h"
#include "verdictstyle.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTimer>
#include <algorithm>

namespace evalx::ui {

QString jobStatusText(JobState state, Verdict verdict)
{
    switch (state) {
    case JobState::Queued:
        return QCoreApplication::translate("evalx::ui", "Queued");
    case JobState::Running:
        return QCoreApplication::translate("evalx::ui", "Running");
    case JobState::Done:
        break;
    }
    return verdictLabel(verdict);
}

QString formatKib(quint64 kib)
{
    return QLocale().formattedDataSize(qint64(kib) * 1024, 1, QLocale::DataSizeTraditionalFormat);
}

QString formatSeconds(double seconds)
{
    return QCoreApplication::translate("evalx::ui", "%1 s")
        .arg(QLocale().toString(seconds, 'f', 3));
}

SubmissionModel::SubmissionModel(ConsoleSource *source, QObject *parent)
    : QAbstractTableModel(parent)
    , m_source(source)
    , m_insertTimer(new QTimer(this))
{
    // New jobs that arrive in one burst (the source flushes its changes
    // together) become one insertion.
    m_insertTimer->setSingleShot(true);
    m_insertTimer->setInterval(0);
    connect(m_insertTimer, &QTimer::timeout, this, &SubmissionModel::insertPending);
    if (!m_source)
        return;
    const QList<JobRecord> recent = m_source->recent(m_maxRows);
    m_rows.reserve(recent.size());
    for (auto it = recent.crbegin(); it != recent.crend(); ++it) {
        m_seq.insert(it->token, m_base + m_rows.size());
        m_rows.append(summarize(*it));
    }
    connect(m_source, &ConsoleSource::jobChanged, this, &SubmissionModel::onJobChanged);
}

SubmissionModel::~SubmissionModel() = default;

int SubmissionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SubmissionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SubmissionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(indexOfRow(index.row()));
    const int column = index.column();
    const bool done = row.state == JobState::Done;
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::ToolTipRole:
        if (column == TokenColumn)
            return QString::fromLatin1(row.token);
        if (column == CreatedColumn)
            return QLocale().toString(row.createdAt.toLocalTime(), QLocale::LongFormat);
        if (column == VerdictColumn && done) {
            if (row.message.isEmpty())
                return verdictName(row.verdict);
            return QString(verdictName(row.verdict) + QLatin1String(": ") + row.message);
        }
        if (column == OriginColumn)
            return row.origin;
        return {};
    case Qt::ForegroundRole:
        if (column == VerdictColumn && done)
            return verdictColor(row.verdict);
        return {};
    case Qt::DecorationRole:
        if (column == VerdictColumn && done)
            return verdictIcon(row.verdict);
        return {};
    case Qt::TextAlignmentRole:
        if (column == TestsColumn || column == CpuColumn || column == MemoryColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case TokenRole:
        return row.token;
    case StateRole:
        return int(row.state);
    case VerdictRole:
        return done ? int(row.verdict) : -1;
    case SourceRole:
        return int(row.source);
    case LanguageRole:
        return row.language;
    case SearchTextRole:
        return row.searchText;
    case SortRole:
        return sortValue(row, column);
    default:
        return {};
    }
}

QVariant SubmissionModel::display(const Row &row, int column) const
{
    switch (column) {
    case CreatedColumn: {
        const QDateTime local = row.createdAt.toLocalTime();
        if (local.date() == QDate::currentDate())
            return QLocale().toString(local.time(), QStringLiteral("HH:mm:ss"));
        return QLocale().toString(local, QLocale::ShortFormat);
    }
    case TokenColumn:
        return QString::fromLatin1(row.token.left(8));
    case SourceColumn:
        return sourceName(row.source);
    case LanguageColumn:
        return row.language;
    case VerdictColumn:
        return jobStatusText(row.state, row.verdict);
    case TestsColumn:
        return tr("%1/%2").arg(row.passed).arg(row.total);
    case CpuColumn:
        return row.finished ? formatSeconds(row.maxCpuSeconds) : QString();
    case MemoryColumn:
        return row.finished ? formatKib(row.maxMemoryKib) : QString();
    case OriginColumn:
        return row.origin;
    default:
        return {};
    }
}

QVariant SubmissionModel::sortValue(const Row &row, int column) const
{
    switch (column) {
    case CreatedColumn:
        return row.createdAt.toMSecsSinceEpoch();
    case TokenColumn:
        return QString::fromLatin1(row.token);
    case SourceColumn:
        return sourceName(row.source);
    case LanguageColumn:
        return row.language;
    case VerdictColumn:
        // Queued, then running, then the verdicts in the order the console lists them.
        if (row.state != JobState::Done)
            return row.state == JobState::Queued ? -2 : -1;
        return int(allVerdicts().indexOf(row.verdict));
    case TestsColumn:
        return row.total ? double(row.passed) / row.total : 0.0;
    case CpuColumn:
        return row.maxCpuSeconds;
    case MemoryColumn:
        return qulonglong(row.maxMemoryKib);
    case OriginColumn:
        return row.origin;
    default:
        return {};
    }
}

QVariant SubmissionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CreatedColumn:
        return tr("Created");
    case TokenColumn:
        return tr("Token");
    case SourceColumn:
        return tr("Source");
    case LanguageColumn:
        return tr("Language");
    case VerdictColumn:
        return tr("Verdict");
    case TestsColumn:
        return tr("Tests");
    case CpuColumn:
        return tr("Max CPU");
    case MemoryColumn:
        return tr("Max memory");
    case OriginColumn:
        return tr("Origin");
    default:
        return {};
    }
}

void SubmissionModel::setMaxRows(int rows)
{
    m_maxRows = std::max(1, rows);
    dropOldest();
}

int SubmissionModel::rowOf(const QByteArray &token) const
{
    const auto it = m_seq.constFind(token);
    if (it == m_seq.constEnd())
        return -1;
    return int(m_rows.size()) - 1 - int(*it - m_base);
}

QByteArray SubmissionModel::tokenAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_rows.at(indexOfRow(row)).token;
}

SubmissionModel::Row SubmissionModel::summarize(const JobRecord &job)
{
    Row r;
    r.token = job.token;
    r.createdAt = job.createdAt;
    r.state = job.state;
    r.verdict = job.result.verdict;
    r.source = sourceOf(job);
    r.language = job.request.submission.languageId;
    r.passed = job.result.count(Verdict::AC);
    r.finished = int(job.result.tests.size());
    r.total = std::max(int(job.request.tests.size()), r.finished);
    r.maxCpuSeconds = job.result.maxCpuSeconds();
    r.maxMemoryKib = job.result.maxMemoryKib();
    r.origin = job.request.submission.origin;
    if (r.origin.isEmpty())
        r.origin = job.request.submission.mainFile;
    QStringList messages;
    if (job.state == JobState::Done && !job.result.message.isEmpty())
        messages << job.result.message;
    for (const TestOutcome &t : job.result.tests) {
        if (!isFailure(t.verdict))
            continue;
        const QString m = t.check.message.isEmpty() ? t.run.message : t.check.message;
        if (!m.isEmpty()) {
            messages << m;
            break;
        }
    }
    r.message = messages.join(QLatin1String("; "));
    r.searchText = QStringList{QString::fromLatin1(r.token), r.origin, r.language, r.message}
                       .join(u'\n')
                       .toLower();
    return r;
}

void SubmissionModel::onJobChanged(const JobRecord &job)
{
    if (const int row = rowOf(job.token); row >= 0) {
        m_rows[indexOfRow(row)] = summarize(job);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    if (const auto it = m_pendingAt.constFind(job.token); it != m_pendingAt.constEnd()) {
        m_pending[*it] = summarize(job);
        return;
    }
    m_pendingAt.insert(job.token, int(m_pending.size()));
    m_pending.append(summarize(job));
    if (!m_insertTimer->isActive())
        m_insertTimer->start();
}

void SubmissionModel::insertPending()
{
    m_insertTimer->stop();
    if (m_pending.isEmpty())
        return;
    // A burst comes in no particular order; the newest goes on top.
    std::stable_sort(m_pending.begin(), m_pending.end(),
                     [](const Row &a, const Row &b) { return a.createdAt < b.createdAt; });
    beginInsertRows({}, 0, int(m_pending.size()) - 1);
    for (Row &row : m_pending) {
        m_seq.insert(row.token, m_base + m_rows.size());
        m_rows.append(std::move(row));
    }
    m_pending.clear();
    m_pendingAt.clear();
    endInsertRows();
    dropOldest();
}

void SubmissionModel::dropOldest()
{
    const int excess = int(m_rows.size()) - m_maxRows;
    if (excess <= 0)
        return;
    // The oldest are the table's last rows.
    beginRemoveRows({}, m_maxRows, int(m_rows.size()) - 1);
    for (int i = 0; i < excess; ++i)
        m_seq.remove(m_rows.at(i).token);
    m_rows.remove(0, excess);
    m_base += excess;
    endRemoveRows();
}

} // namespace evalx::ui
