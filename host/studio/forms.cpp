#include "forms.hpp"

#include "study_document.hpp"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace eqroi::studio {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

/// The study's currency as written ("" when not yet given).
std::string currency_of(const StudyOutline& outline) {
    if (const WrittenValue* v = outline.study.find("currency"))
        if (v->value)
            if (auto s = std::get_if<std::string>(&*v->value)) return *s;
    return {};
}

std::optional<StudyValue> written(const FormContext& context, const FieldRef& field) {
    if (const WrittenValue* v = context.outline->find(field)) return v->value;
    return std::nullopt;
}

/// The spec of a plugin parameter, from its descriptor.
FieldSpec spec_of(const eqroi_param_desc& d, FieldRef ref, const std::string& currency) {
    FieldSpec s;
    s.ref = std::move(ref);
    s.label = q(d.label);
    s.unit = unit_text(d.unit, currency);
    s.minimum = d.min_value;
    s.maximum = d.max_value;
    QString help = q(d.help);
    help += QStringLiteral("\n\nKey: %1").arg(q(d.key));
    if (!(d.flags & EQROI_PARAM_REQUIRED) && !(d.flags & EQROI_PARAM_CHOICE))
        help += QStringLiteral("; default %1").arg(d.default_value);
    if (!(d.flags & (EQROI_PARAM_BOOLEAN | EQROI_PARAM_CHOICE)))
        help += QStringLiteral("; range %1 .. %2 %3").arg(d.min_value).arg(d.max_value).arg(q(d.unit));
    s.help = help;
    if (d.flags & EQROI_PARAM_BOOLEAN) {
        s.kind = FieldSpec::Kind::boolean;
    } else if (d.flags & EQROI_PARAM_CHOICE) {
        s.kind = FieldSpec::Kind::choice;
        for (const auto& name : choice_names(d.choices)) s.choices << q(name);
    } else if (d.flags & EQROI_PARAM_PER_PERIOD) {
        s.kind = FieldSpec::Kind::per_period;
    } else if (d.flags & EQROI_PARAM_INTEGER) {
        s.kind = FieldSpec::Kind::integer;
    }
    return s;
}

/// A resolved value as the field shows it: a list, a check, a choice name or a number.
StudyValue shown_value(const std::vector<double>& values, const eqroi_param_desc& d) {
    if (values.empty()) return StudyValue{0.0};
    if (d.flags & EQROI_PARAM_PER_PERIOD) return StudyValue{values};
    if (d.flags & EQROI_PARAM_BOOLEAN) return StudyValue{values[0] != 0};
    if (d.flags & EQROI_PARAM_CHOICE) {
        const auto names = choice_names(d.choices);
        const auto i = static_cast<std::size_t>(values[0]);
        if (i < names.size()) return StudyValue{names[i]};
    }
    return StudyValue{values[0]};
}

QString source_text(ValueSource source) {
    switch (source) {
        case ValueSource::model_table: return QObject::tr("set here");
        case ValueSource::equipment: return QObject::tr("from the equipment block");
        case ValueSource::study: return QObject::tr("from the study");
        case ValueSource::declared_default: return QObject::tr("default");
    }
    return {};
}

FieldSpec simple_spec(FieldRef ref, const QString& label, FieldSpec::Kind kind,
                      const QString& unit, double minimum, double maximum, const QString& help,
                      const QStringList& choices = {}) {
    FieldSpec s;
    s.ref = std::move(ref);
    s.label = label;
    s.kind = kind;
    s.unit = unit;
    s.minimum = minimum;
    s.maximum = maximum;
    s.help = help + QStringLiteral("\n\nKey: %1").arg(q(s.ref.key));
    s.choices = choices;
    return s;
}

QString edit_description(const FieldRef& f, const StudyValue& v) {
    const QString where = f.section == Section::study ? QStringLiteral("study")
                          : f.section == Section::model ? q(f.alternative + " " + f.model)
                                                        : q(f.alternative);
    return QObject::tr("Set %1 of %2 to %3").arg(q(f.key), where, q(display_text(v)));
}

}  // namespace

QString unit_text(const std::string& unit, const std::string& currency) {
    QString u = q(unit);
    if (u.startsWith(QLatin1String("fraction"))) u.remove(0, 8);  // 0.05 is shown as 0.05
    u.replace(QLatin1String("currency"), currency.empty() ? QStringLiteral("¤") : q(currency));
    return u;
}

// ---- StudyForm ----------------------------------------------------------------------------

StudyForm::StudyForm(StudyDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
    auto* layout = new QVBoxLayout(this);
    title_ = new QLabel(this);
    QFont big = title_->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    title_->setFont(big);
    subtitle_ = new QLabel(this);
    subtitle_->setWordWrap(true);
    table_error_ = new QLabel(this);
    table_error_->setObjectName(QStringLiteral("table_error"));
    table_error_->setWordWrap(true);
    table_error_->setStyleSheet(QStringLiteral("color: #c62828;"));
    table_error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    table_error_->hide();
    grid_ = new QGridLayout;
    // label | editor | source | reset | slack: editors keep a readable width, and the source
    // stays next to its value on a wide window.
    grid_->setColumnStretch(1, 1);
    grid_->setColumnStretch(4, 1);
    layout->addWidget(title_);
    layout->addWidget(subtitle_);
    layout->addWidget(table_error_);
    layout->addLayout(grid_);
    layout->addStretch(1);
}

FieldRow* StudyForm::row(const std::string& key) const {
    for (FieldRow* r : rows_)
        if (r->spec().ref.key == key) return r;
    return nullptr;
}

FieldRow* StudyForm::add_row(FieldSpec spec) {
    auto* r = new FieldRow(std::move(spec), grid_, next_row_, this);
    next_row_ += 2;
    connect(r, &FieldRow::edited, this, &StudyForm::apply);
    connect(r, &FieldRow::reset_requested, this, &StudyForm::reset);
    rows_.push_back(r);
    return r;
}

void StudyForm::add_heading(const QString& text) {
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()), this);
    grid_->addWidget(label, next_row_, 0, 1, 4);
    next_row_ += 1;
}

void StudyForm::set_title(const QString& title, const QString& subtitle) {
    title_->setText(title);
    subtitle_->setText(subtitle);
    subtitle_->setVisible(!subtitle.isEmpty());
}

QString StudyForm::errors_at(const FormContext& context, const FieldRef& field) {
    QStringList found;
    for (const Diagnostic& d : *context.diagnostics) {
        const auto at = context.outline->field_at(d.where.line);
        if (at && *at == field) found << q(d.to_string());
    }
    return found.join(QLatin1Char('\n'));
}

void StudyForm::show_table_error(const FormContext& context, const FieldRef& table) {
    const QString text = errors_at(context, table);
    table_error_->setText(text);
    table_error_->setVisible(!text.isEmpty());
}

void StudyForm::apply(const FieldRef& f, const StudyValue& v) {
    QString error;
    const bool ok = document_->edit(edit_description(f, v), [&](StudyText& t) {
        switch (f.section) {
            case Section::study: t.set_study_value(f.key, v); break;
            case Section::alternative: t.set_alternative_value(f.alternative, f.key, v); break;
            case Section::capital: t.set_capital_value(f.alternative, f.key, v); break;
            case Section::equipment: t.set_equipment_value(f.alternative, f.key, v); break;
            case Section::model: t.set_model_value(f.alternative, f.model, f.key, v); break;
        }
    }, &error);
    if (!ok) emit edit_failed(error);
}

void StudyForm::reset(const FieldRef& f) {
    if (f.section != Section::model) return;
    QString error;
    const QString what = tr("Reset %1 of %2 to inherited").arg(q(f.key), q(f.alternative + " " + f.model));
    if (!document_->edit(what, [&](StudyText& t) { t.remove_model_value(f.alternative, f.model, f.key); },
                         &error))
        emit edit_failed(error);
}

// ---- StudySettingsForm --------------------------------------------------------------------

StudySettingsForm::StudySettingsForm(StudyDocument* document, const StudyOutline& outline,
                                     QWidget* parent)
    : StudyForm(document, parent) {
    using K = FieldSpec::Kind;
    set_title(tr("Study settings"), tr("What every alternative is compared under: horizon, "
                                       "rates, tax and the baseline."));
    auto ref = [](const char* key) { return FieldRef{Section::study, {}, {}, key}; };
    const QString rate_unit = tr("/yr");
    add_row(simple_spec(ref("name"), tr("Name"), K::text, {}, 0, 0, tr("The study's title.")));
    add_row(simple_spec(ref("currency"), tr("Currency"), K::text, {}, 0, 0,
                        tr("ISO 4217 code of every amount (EUR, USD...).")));
    add_row(simple_spec(ref("horizon_years"), tr("Horizon"), K::integer, tr("years"), 1, 100,
                        tr("Years the alternatives are compared over.")));
    add_row(simple_spec(ref("periods"), tr("Periods"), K::choice, {}, 0, 0,
                        tr("Yearly or monthly cash flows."), {"yearly", "monthly"}));
    add_row(simple_spec(ref("discount_rate"), tr("Discount rate"), K::number, rate_unit, -0.99, 10,
                        tr("The firm's cost of capital as a fraction (0.09 = 9 %); the real rate "
                           "in a constant-dollar study.")));
    add_row(simple_spec(ref("inflation"), tr("Inflation"), K::number, rate_unit, -0.99, 10,
                        tr("General price escalation as a fraction per year.")));
    add_row(simple_spec(ref("tax_rate"), tr("Tax rate"), K::number, {}, 0, 1,
                        tr("Combined income-tax rate as a fraction (0.25 = 25 %).")));
    QStringList ids;
    for (const auto& a : outline.alternatives) ids << q(a.id);
    add_row(simple_spec(ref("baseline"), tr("Baseline"), K::choice, {}, 0, 0,
                        tr("The alternative the others are compared with."), ids));
    add_row(simple_spec(ref("discounting"), tr("Discounting"), K::choice, {}, 0, 0,
                        tr("Flows at the end of each period, or mid-period."),
                        {"end_of_period", "mid_period"}));
    add_row(simple_spec(ref("dollars"), tr("Dollars"), K::choice, {}, 0, 0,
                        tr("Nominal amounts, or constant amounts with the real discount rate."),
                        {"nominal", "constant"}));
    add_row(simple_spec(ref("mirr_finance_rate"), tr("MIRR finance rate"), K::number, rate_unit,
                        -0.99, 10, tr("MIRR's finance rate; default: the discount rate.")));
    add_row(simple_spec(ref("mirr_reinvest_rate"), tr("MIRR reinvestment rate"), K::number,
                        rate_unit, -0.99, 10,
                        tr("MIRR's reinvestment rate; default: the discount rate.")));
}

void StudySettingsForm::refresh(const FormContext& context) {
    // Defaults as host/core's StudySettings has them; keys without a default must be written.
    const StudySettings defaults;
    const std::map<std::string, StudyValue> default_of{
        {"currency", StudyValue{defaults.currency}}, {"periods", StudyValue{std::string("yearly")}},
        {"inflation", StudyValue{defaults.inflation}}, {"tax_rate", StudyValue{defaults.tax_rate}},
        {"discounting", StudyValue{std::string("end_of_period")}},
        {"dollars", StudyValue{std::string("nominal")}}};
    QStringList ids;
    for (const auto& a : context.outline->alternatives) ids << q(a.id);
    for (FieldRow* r : rows()) {
        const std::string& key = r->spec().ref.key;
        if (key == "baseline") r->set_choices(ids);
        FieldState state;
        state.written = written(context, r->spec().ref);
        if (auto d = default_of.find(key); d != default_of.end()) {
            state.inherited = d->second;
            state.inherited_from = tr("default");
        } else if (key.starts_with("mirr_")) {
            if (const WrittenValue* rate = context.outline->study.find("discount_rate"))
                state.inherited = rate->value;
            state.inherited_from = tr("the discount rate");
        }
        state.error = errors_at(context, r->spec().ref);
        r->set_state(state);
    }
    show_table_error(context, FieldRef{Section::study, {}, {}, {}});
}

// ---- AlternativeForm ----------------------------------------------------------------------

AlternativeForm::AlternativeForm(StudyDocument* document, const StudyOutline& outline,
                                 const PluginRegistry& registry, std::string alternative,
                                 QWidget* parent)
    : StudyForm(document, parent), alternative_(std::move(alternative)) {
    using K = FieldSpec::Kind;
    const std::string currency = currency_of(outline);
    const QString money = unit_text("currency", currency);
    const OutlineAlternative* alt = outline.find(alternative_);
    set_title(alt && !alt->name.empty() ? q(alt->name) : q(alternative_),
              tr("Alternative '%1': its name, the capital side and the equipment values its "
                 "models share.").arg(q(alternative_)));
    auto ref = [&](Section s, const std::string& key) { return FieldRef{s, alternative_, {}, key}; };
    add_row(simple_spec(ref(Section::alternative, "name"), tr("Name"), K::text, {}, 0, 0,
                        tr("How reports and charts name this alternative.")));

    add_heading(tr("Capital"));
    const std::pair<const char*, QString> amounts[] = {
        {"price", tr("Purchase price")},     {"installation", tr("Installation")},
        {"commissioning", tr("Commissioning")}, {"trade_in", tr("Trade-in received")},
        {"disposal_cost", tr("Disposal of the old machine")},
        {"salvage_value", tr("Salvage value at the end")}};
    for (const auto& [key, label] : amounts)
        add_row(simple_spec(ref(Section::capital, key), label, K::number, money, 0, 1e15,
                            tr("A positive amount; the engine gives it its sign.")));
    add_row(simple_spec(ref(Section::capital, "depreciation"), tr("Depreciation"), K::choice, {},
                        0, 0, tr("Tax depreciation method."),
                        {"straight_line", "declining_balance", "sum_of_years_digits", "macrs"}));
    add_row(simple_spec(ref(Section::capital, "depreciation_years"), tr("Tax life"), K::integer,
                        tr("years"), 0, 100,
                        tr("0 = the study horizon; for macrs the property class.")));
    add_row(simple_spec(ref(Section::capital, "declining_balance_factor"),
                        tr("Declining-balance factor"), K::number, {}, 1, 4,
                        tr("2 = double declining balance (only with declining_balance).")));
    add_row(simple_spec(ref(Section::capital, "life_years"), tr("Service life"), K::integer,
                        tr("years"), 0, 100,
                        tr("0 = the machine lasts the whole study; else it is replaced.")));
    add_row(simple_spec(ref(Section::capital, "residual_value"), tr("Residual value"), K::number,
                        money, 0, 1e15,
                        tr("Value at the end of the unit then in service (with a service life).")));

    // Equipment: keys written, and keys more than one of its models declares (what the block
    // is for: one value reaching every model).
    add_heading(tr("Equipment (shared by its models)"));
    std::map<std::string, std::pair<const eqroi_param_desc*, int>> declared;
    std::vector<std::string> order;
    if (alt) {
        for (const auto& m : alt->models) {
            const Model* model = registry.find(m.id);
            if (!model) continue;
            for (std::size_t p = 0; p < model->descriptor().param_count; ++p) {
                const eqroi_param_desc& d = model->param(p);
                auto [it, added] = declared.try_emplace(d.key, &d, 0);
                ++it->second.second;
                if (added) order.push_back(d.key);
            }
        }
        std::vector<std::string> keys;
        for (const auto& v : alt->equipment.keys) keys.push_back(v.key);
        for (const auto& k : order)
            if (declared[k].second > 1 && !alt->equipment.find(k)) keys.push_back(k);
        for (const auto& key : keys) {
            auto it = declared.find(key);
            FieldSpec s = it != declared.end()
                              ? spec_of(*it->second.first, ref(Section::equipment, key), currency)
                              : simple_spec(ref(Section::equipment, key), q(key), K::number, {},
                                            -1e15, 1e15, tr("No model of this alternative "
                                                            "declares this key."));
            add_row(std::move(s));
        }
    }
}

void AlternativeForm::refresh(const FormContext& context) {
    const Capital defaults;
    const std::map<std::string, StudyValue> default_of{
        {"price", StudyValue{defaults.price}}, {"installation", StudyValue{defaults.installation}},
        {"commissioning", StudyValue{defaults.commissioning}},
        {"trade_in", StudyValue{defaults.trade_in}},
        {"disposal_cost", StudyValue{defaults.disposal_cost}},
        {"salvage_value", StudyValue{defaults.salvage_value}},
        {"depreciation", StudyValue{std::string("straight_line")}},
        {"depreciation_years", StudyValue{static_cast<double>(defaults.depreciation_years)}},
        {"declining_balance_factor", StudyValue{defaults.declining_balance_factor}},
        {"life_years", StudyValue{static_cast<double>(defaults.life_years)}}};
    for (FieldRow* r : rows()) {
        const FieldRef& f = r->spec().ref;
        FieldState state;
        state.written = written(context, f);
        if (f.section == Section::capital) {
            if (auto d = default_of.find(f.key); d != default_of.end()) {
                state.inherited = d->second;
                state.inherited_from = tr("default");
            } else {
                state.inherited_from = tr("straight line to salvage");
            }
        } else if (f.section == Section::equipment) {
            state.inherited_from = tr("not set: each model uses its own value");
        }
        state.error = errors_at(context, f);
        r->set_state(state);
    }
    QStringList errors;
    for (Section s : {Section::alternative, Section::capital, Section::equipment}) {
        const QString e = errors_at(context, FieldRef{s, alternative_, {}, {}});
        if (!e.isEmpty()) errors << e;
    }
    table_error()->setText(errors.join(QLatin1Char('\n')));
    table_error()->setVisible(!errors.isEmpty());
}

// ---- ModelForm ----------------------------------------------------------------------------

ModelForm::ModelForm(StudyDocument* document, const StudyOutline& outline,
                     const PluginRegistry& registry, std::string alternative, std::string model,
                     QWidget* parent)
    : StudyForm(document, parent), alternative_(std::move(alternative)), model_(std::move(model)) {
    const Model* m = registry.find(model_);
    known_ = m != nullptr;
    if (!m) {
        set_title(q(model_), tr("No loaded plugin declares the model '%1' (Help > Plugins lists "
                                "the models available and the plugins that failed to load).")
                                 .arg(q(model_)));
        return;
    }
    const OutlineAlternative* alt = outline.find(alternative_);
    set_title(QStringLiteral("%1 \u2014 %2").arg(q(m->descriptor().name),
                                                 alt ? q(alt->name) : q(alternative_)),
              q(m->descriptor().description));
    const std::string currency = currency_of(outline);
    for (std::size_t p = 0; p < m->descriptor().param_count; ++p) {
        const eqroi_param_desc& d = m->param(p);
        FieldSpec s = spec_of(d, FieldRef{Section::model, alternative_, model_, d.key}, currency);
        s.resettable = true;
        add_row(std::move(s));
    }
}

void ModelForm::refresh(const FormContext& context) {
    show_table_error(context, FieldRef{Section::model, alternative_, model_, {}});
    const Model* model = context.registry->find(model_);
    if (!model) return;
    const Alternative* alt = context.study ? context.study->find(alternative_) : nullptr;
    const ModelUse* use = nullptr;
    if (alt) {
        auto it = std::find_if(alt->models.begin(), alt->models.end(),
                               [&](const ModelUse& u) { return u.model == model_; });
        if (it != alt->models.end()) use = &*it;
    }
    for (FieldRow* r : rows()) {
        const int p = model->param_index(r->spec().ref.key);
        if (p < 0) continue;
        const eqroi_param_desc& d = model->param(static_cast<std::size_t>(p));
        FieldState state;
        state.written = written(context, r->spec().ref);
        if (use) {
            // What applies without this table's value: exactly what Reset would give.
            ModelUse without = *use;
            without.params.erase(d.key);
            if (auto resolved = resolve_param(*context.study, *alt, without, d)) {
                state.inherited = shown_value(resolved->values, d);
                state.inherited_from = source_text(resolved->source);
            } else {
                state.inherited_from = tr("required: not set");
            }
        } else if (const WrittenValue* shared = context.outline->find(
                       FieldRef{Section::equipment, alternative_, {}, d.key});
                   shared && shared->value) {
            // No valid study to resolve against (it has errors): the equipment block as
            // written is still what this model inherits first.
            state.inherited = *shared->value;
            state.inherited_from = tr("from the equipment block");
        } else if (d.flags & EQROI_PARAM_REQUIRED) {
            state.inherited_from = tr("required: not set");
        } else {
            state.inherited = shown_value({d.default_value}, d);
            state.inherited_from = tr("default");
        }
        state.error = errors_at(context, r->spec().ref);
        r->set_state(state);
    }
}

}  // namespace eqroi::studio
