#pragma once

#include <QAbstractTableModel>

namespace evalx::ui {

class LocalJudgeSession;
struct LocalJudgeEntry;

// The local judge's matrix: one row per submission and one column per test,
// each cell the test's verdict; a last row totals each test (how many passed).
class LocalJudgeModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalJudgeModel)
public:
    enum Column {
        Student,
        Language, // editable: the language delegate's combo box
        Total,    // tests passed (or the score) and the submission's verdict
        FirstTest // then one column per test of the problem
    };
    enum Role {
        VerdictRole = Qt::UserRole + 1, // the cell's verdict (int), when it has one
        StateRole,                      // the row's LocalJudgeEntry::State (int)
        LanguageChosenRole,             // bool: the file names did not say the language
    };

    explicit LocalJudgeModel(LocalJudgeSession *session, QObject *parent = nullptr);
    ~LocalJudgeModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    int totalsRow() const; // the last row, after the submissions
    int testColumn(int test) const { return FirstTest + test; }

private:
    int testCount() const;
    QVariant entryData(const LocalJudgeEntry &e, int column, int role) const;
    QVariant testCell(const LocalJudgeEntry &e, int test, int role) const;
    QVariant totalCell(const LocalJudgeEntry &e, int role) const;
    QVariant totalsData(int column, int role) const;
    void onEntryChanged(int row);

    LocalJudgeSession *m_session;
};

} // namespace evalx::ui
