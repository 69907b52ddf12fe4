#include "settingsdialog.h"
#include "language.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QTabWidget>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace evalx::ui {

namespace {
constexpr int kIdRole = Qt::UserRole;
}

QList<QPair<QString, QString>> SettingsDialog::uiLanguages()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("fr"), QStringLiteral("Français")}};
}

SettingsDialog::SettingsDialog(const ConsoleSettings &settings,
                               const LanguageCatalogue &languages, QWidget *parent)
    : QDialog(parent)
    , m_initial(settings)
    , m_poolSize(new QSpinBox(this))
    , m_time(new QDoubleSpinBox(this))
    , m_memory(new QSpinBox(this))
    , m_languages(new QTreeWidget(this))
    , m_apiEnabled(new QCheckBox(tr("Serve the &API from this window"), this))
    , m_apiAddress(new QLineEdit(settings.apiAddress, this))
    , m_apiPort(new QSpinBox(this))
    , m_apiToken(new QLineEdit(settings.apiToken, this))
    , m_redis(new QLineEdit(settings.redisUrl, this))
    , m_remote(new QLineEdit(settings.remoteUrl, this))
    , m_remoteToken(new QLineEdit(settings.remoteToken, this))
    , m_uiLanguage(new QComboBox(this))
    , m_theme(new QComboBox(this))
{
    setWindowTitle(tr("Settings"));
    resize(640, 520);
    auto *tabs = new QTabWidget(this);

    // Judging
    auto *judging = new QWidget(tabs);
    auto *judgingForm = new QFormLayout;
    m_poolSize->setRange(0, 256);
    m_poolSize->setSpecialValueText(tr("One per core (%1)").arg(QThread::idealThreadCount()));
    m_poolSize->setValue(settings.poolSize);
    judgingForm->addRow(tr("&Boxes:"), m_poolSize);
    m_time->setRange(0.1, 600);
    m_time->setDecimals(1);
    m_time->setSuffix(tr(" s"));
    m_time->setValue(settings.timeSeconds);
    judgingForm->addRow(tr("&Time per test:"), m_time);
    m_memory->setRange(16, 65536);
    m_memory->setSuffix(tr(" MiB"));
    m_memory->setValue(settings.memoryMib);
    judgingForm->addRow(tr("&Memory per test:"), m_memory);
    m_languages->setHeaderLabels({tr("Language"), tr("Version")});
    m_languages->setRootIsDecorated(false);
    m_languages->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    for (const Language &l : languages.languages()) {
        const LanguageStatus status = languages.status(l.id);
        auto *item = new QTreeWidgetItem(m_languages);
        item->setText(0, l.name);
        item->setData(0, kIdRole, l.id);
        item->setText(1, !languages.isDetected() ? tr("not probed")
                         : status.available      ? status.version
                                                 : tr("missing: install %1").arg(l.package));
        item->setCheckState(0,
                            settings.disabledLanguages.contains(l.id) ? Qt::Unchecked : Qt::Checked);
        if (languages.isDetected() && !status.available)
            item->setForeground(1, QColor(0xd7, 0x3a, 0x49));
    }
    auto *judgingLayout = new QVBoxLayout(judging);
    judgingLayout->addLayout(judgingForm);
    judgingLayout->addWidget(new QLabel(tr("Languages offered (unchecked ones are refused):")));
    judgingLayout->addWidget(m_languages);
    tabs->addTab(judging, tr("&Judging"));

    // Server
    auto *server = new QWidget(tabs);
    auto *serverForm = new QFormLayout(server);
    m_apiEnabled->setChecked(settings.apiEnabled);
    serverForm->addRow(m_apiEnabled);
    serverForm->addRow(tr("A&ddress:"), m_apiAddress);
    m_apiPort->setRange(1, 65535);
    m_apiPort->setValue(settings.apiPort);
    serverForm->addRow(tr("&Port:"), m_apiPort);
    m_apiToken->setPlaceholderText(tr("none: anyone who can connect may submit"));
    serverForm->addRow(tr("&Token (X-Auth-Token):"), m_apiToken);
    m_redis->setPlaceholderText(tr("empty: jobs stay in this process"));
    serverForm->addRow(tr("&Redis URL:"), m_redis);
    m_remote->setPlaceholderText(tr("empty: judge on this computer"));
    serverForm->addRow(tr("&Watch a server instead:"), m_remote);
    serverForm->addRow(tr("Its to&ken:"), m_remoteToken);
    for (QWidget *w : {static_cast<QWidget *>(m_apiAddress), static_cast<QWidget *>(m_apiPort),
                       static_cast<QWidget *>(m_apiToken)}) {
        w->setEnabled(settings.apiEnabled);
        connect(m_apiEnabled, &QCheckBox::toggled, w, &QWidget::setEnabled);
    }
    tabs->addTab(server, tr("&Server"));

    // Look
    auto *look = new QWidget(tabs);
    auto *lookForm = new QFormLayout(look);
    m_uiLanguage->addItem(tr("The system's (%1)").arg(QLocale::system().nativeLanguageName()),
                          QString());
    for (const auto &[code, name] : uiLanguages())
        m_uiLanguage->addItem(name, code);
    m_uiLanguage->setCurrentIndex(std::max(0, m_uiLanguage->findData(settings.uiLanguage)));
    lookForm->addRow(tr("&Language:"), m_uiLanguage);
    m_theme->addItem(tr("The system's"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(settings.theme)));
    lookForm->addRow(tr("&Palette:"), m_theme);
    tabs->addTab(look, tr("&Look"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
}

ConsoleSettings SettingsDialog::settings() const
{
    ConsoleSettings s = m_initial;
    s.poolSize = m_poolSize->value();
    s.timeSeconds = m_time->value();
    s.memoryMib = m_memory->value();
    s.disabledLanguages.clear();
    for (int i = 0; i < m_languages->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_languages->topLevelItem(i);
        if (item->checkState(0) == Qt::Unchecked)
            s.disabledLanguages << item->data(0, kIdRole).toString();
    }
    s.apiEnabled = m_apiEnabled->isChecked();
    s.apiAddress = m_apiAddress->text().trimmed();
    s.apiPort = m_apiPort->value();
    s.apiToken = m_apiToken->text();
    s.redisUrl = m_redis->text().trimmed();
    s.remoteUrl = m_remote->text().trimmed();
    s.remoteToken = m_remoteToken->text();
    s.uiLanguage = m_uiLanguage->currentData().toString();
    s.theme = m_theme->currentData().toString();
    return s;
}

} // namespace evalx::ui
