#pragma once

#include "consolesource.h"
#include "verdict.h"

#include <QSet>
#include <QSortFilterProxyModel>
#include <optional>

namespace evalx::ui {

// The submissions table as the user narrows it: by verdict, language, source
// and a free text (token, origin, language, messages), sorted by any column
// on SubmissionModel::SortRole, so that times and sizes sort as numbers.
class SubmissionFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubmissionFilterModel)
public:
    explicit SubmissionFilterModel(QObject *parent = nullptr);
    ~SubmissionFilterModel() override;

    // Finished jobs with one of these verdicts, and unfinished ones (queued or
    // running) when unfinished is set. Nothing in either: every job.
    void setVerdictFilter(const QList<Verdict> &verdicts, bool unfinished = false);
    void setLanguageFilter(const QString &languageId); // empty: any
    void setSourceFilter(std::optional<SubmissionSource> source);
    void setTextFilter(const QString &text); // case-insensitive; empty: any

    // The whole tokens of these rows of the proxy.
    QList<QByteArray> tokens(const QModelIndexList &rows) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QSet<int> m_verdicts;
    bool m_unfinished = false;
    QString m_language;
    std::optional<SubmissionSource> m_source;
    QString m_text;
};

} // namespace evalx::ui
