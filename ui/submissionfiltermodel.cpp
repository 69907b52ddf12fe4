#include "submissionfiltermodel.h"
#include "submissionmodel.h"

namespace evalx::ui {

SubmissionFilterModel::SubmissionFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SubmissionModel::SortRole);
    setDynamicSortFilter(true);
}

SubmissionFilterModel::~SubmissionFilterModel() = default;

void SubmissionFilterModel::setVerdictFilter(const QList<Verdict> &verdicts, bool unfinished)
{
    QSet<int> keys;
    for (Verdict v : verdicts)
        keys.insert(int(v));
    if (keys == m_verdicts && unfinished == m_unfinished)
        return;
    m_verdicts = keys;
    m_unfinished = unfinished;
    invalidateFilter();
}

void SubmissionFilterModel::setLanguageFilter(const QString &languageId)
{
    if (languageId == m_language)
        return;
    m_language = languageId;
    invalidateFilter();
}

void SubmissionFilterModel::setSourceFilter(std::optional<SubmissionSource> source)
{
    if (source == m_source)
        return;
    m_source = source;
    invalidateFilter();
}

void SubmissionFilterModel::setTextFilter(const QString &text)
{
    const QString folded = text.trimmed().toLower();
    if (folded == m_text)
        return;
    m_text = folded;
    invalidateFilter();
}

QList<QByteArray> SubmissionFilterModel::tokens(const QModelIndexList &rows) const
{
    QList<QByteArray> out;
    for (const QModelIndex &index : rows) {
        const QByteArray token =
            index.siblingAtColumn(0).data(SubmissionModel::TokenRole).toByteArray();
        if (!token.isEmpty() && !out.contains(token))
            out << token;
    }
    return out;
}

bool SubmissionFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_verdicts.isEmpty() || m_unfinished) {
        const int verdict = index.data(SubmissionModel::VerdictRole).toInt();
        const bool accepted = verdict < 0 ? m_unfinished : m_verdicts.contains(verdict);
        if (!accepted)
            return false;
    }
    if (!m_language.isEmpty() && index.data(SubmissionModel::LanguageRole).toString() != m_language)
        return false;
    if (m_source && index.data(SubmissionModel::SourceRole).toInt() != int(*m_source))
        return false;
    if (!m_text.isEmpty() &&
        !index.data(SubmissionModel::SearchTextRole).toString().contains(m_text))
        return false;
    return true;
}

} // namespace evalx::ui
