#pragma once

#include <QStyledItemDelegate>

namespace evalx {
class LanguageCatalogue;
}

namespace evalx::ui {

// Edits a language id (Qt::EditRole) with a combo box of the catalogue's
// languages: those this host has, when the catalogue has looked. The choice is
// committed as soon as it is made, so a persistent editor needs no Enter.
class LanguageDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageDelegate)
public:
    LanguageDelegate(const LanguageCatalogue &languages, QObject *parent = nullptr);
    ~LanguageDelegate() override;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;

private:
    const LanguageCatalogue &m_languages;
};

} // namespace evalx::ui
