#pragma once

#include "consolesource.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPointer>

class QTimer;

namespace evalx::ui {

// Every submission the judge has seen, newest first, kept up to date from
// ConsoleSource::jobChanged: a known job's row changes in place, new jobs are
// gathered and inserted at the top together. A row is a summary, not the
// record (sources, tests and outputs are asked of the source when shown), and
// the table keeps at most maxRows() of them, dropping the oldest.
class SubmissionModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubmissionModel)
public:
    enum Column {
        CreatedColumn,
        TokenColumn,
        SourceColumn,
        LanguageColumn,
        VerdictColumn,
        TestsColumn,
        CpuColumn,
        MemoryColumn,
        OriginColumn,
        ColumnCount
    };

    enum Role {
        TokenRole = Qt::UserRole + 1, // QByteArray, the whole token
        StateRole,                    // int(JobState)
        VerdictRole,                  // int(Verdict) once done, else -1
        SourceRole,                   // int(SubmissionSource)
        LanguageRole,                 // the language id
        SearchTextRole,               // lower-case token, origin, language and messages
        SortRole,                     // the column's raw value: numbers sort as numbers
    };

    static constexpr int kDefaultMaxRows = 10000;

    explicit SubmissionModel(ConsoleSource *source, QObject *parent = nullptr);
    ~SubmissionModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    int maxRows() const { return m_maxRows; }
    void setMaxRows(int rows);
    // The row showing a job, or -1 (also while its insertion is pending).
    int rowOf(const QByteArray &token) const;
    QByteArray tokenAt(int row) const;
    // Inserts the jobs that arrived since the last insertion now, rather than
    // when the event loop comes back.
    void insertPending();

private:
    struct Row
    {
        QByteArray token;
        QDateTime createdAt;
        JobState state = JobState::Queued;
        Verdict verdict = Verdict::IE;
        SubmissionSource source = SubmissionSource::Other;
        QString language;
        int passed = 0;
        int finished = 0;
        int total = 0;
        double maxCpuSeconds = 0;
        quint64 maxMemoryKib = 0;
        QString origin;
        QString message; // the job's message, else the first failing test's
        QString searchText;
    };

    static Row summarize(const JobRecord &job);
    void onJobChanged(const JobRecord &job);
    void dropOldest();
    // Rows are kept oldest first so that a new job is an append: row r of the
    // table is m_rows[size - 1 - r], and a job's sequence number (its index
    // plus m_base) does not move when newer ones arrive.
    int indexOfRow(int row) const { return int(m_rows.size()) - 1 - row; }
    QVariant display(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;

    QPointer<ConsoleSource> m_source;
    QList<Row> m_rows;
    qint64 m_base = 0;                  // the sequence number of m_rows.first()
    QHash<QByteArray, qint64> m_seq;    // token -> sequence number
    QList<Row> m_pending;               // new jobs, oldest first, not yet inserted
    QHash<QByteArray, int> m_pendingAt; // token -> index in m_pending
    QTimer *m_insertTimer;
    int m_maxRows = kDefaultMaxRows;
};

// "Queued", "Running", or the verdict's label: what the tables show for a job.
QString jobStatusText(JobState state, Verdict verdict);
// "12.3 MiB", "0.015 s": the console's units.
QString formatKib(quint64 kib);
QString formatSeconds(double seconds);

} // namespace evalx::ui
