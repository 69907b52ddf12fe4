#include "languagedelegate.h"
#include "language.h"

#include <QComboBox>
#include <algorithm>

namespace evalx::ui {

LanguageDelegate::LanguageDelegate(const LanguageCatalogue &languages, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_languages(languages)
{}

LanguageDelegate::~LanguageDelegate() = default;

QWidget *LanguageDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                        const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    combo->addItem(tr("Choose…"), QString());
    const bool detected = m_languages.isDetected();
    for (const Language &l : m_languages.languages()) {
        if (detected && !m_languages.status(l.id).available)
            continue;
        combo->addItem(l.name, l.id);
    }
    // commitData is a signal, which this const override may not emit directly.
    auto *self = const_cast<LanguageDelegate *>(this);
    connect(combo, &QComboBox::activated, self, [self, combo] { Q_EMIT self->commitData(combo); });
    return combo;
}

void LanguageDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    const int i = combo->findData(index.data(Qt::EditRole).toString());
    combo->setCurrentIndex(std::max(0, i));
}

void LanguageDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                    const QModelIndex &index) const
{
    const QString id = static_cast<QComboBox *>(editor)->currentData().toString();
    if (!id.isEmpty())
        model->setData(index, id, Qt::EditRole);
}

} // namespace evalx::ui
