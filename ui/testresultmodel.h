#pragma once

#include "jobqueue.h"

#include <QAbstractTableModel>
#include <optional>

namespace evalx::ui {

// The tests of one job: one row per test of the request, filled in as each
// one finishes (a test not run yet shows no verdict).
class TestResultModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestResultModel)
public:
    enum Column {
        IndexColumn,
        NameColumn,
        VerdictColumn,
        CpuColumn,
        WallColumn,
        MemoryColumn,
        ExitColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role {
        TestIndexRole = Qt::UserRole + 1, // int, the test's index in the request
        VerdictRole,                      // int(Verdict) once run, else -1
    };

    explicit TestResultModel(QObject *parent = nullptr);
    ~TestResultModel() override;

    // Shows this job's tests. The same job again (it moved on) changes the
    // rows in place, so that a selected test stays selected.
    void setJob(const JobRecord &job);
    void clear();
    QByteArray token() const { return m_token; }
    // The test's outcome, when it has run.
    const TestOutcome *outcome(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString name;
        std::optional<TestOutcome> outcome;
    };
    QVariant display(int row, int column) const;

    QByteArray m_token;
    QList<Row> m_rows;
};

} // namespace evalx::ui
