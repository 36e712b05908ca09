#include <netgateway/snmp/PrinterReader.h>

#include <memory>

namespace netgateway::snmp {

namespace {

Oid oid(std::initializer_list<std::uint32_t> parts)
{
    return Oid(QList<std::uint32_t>(parts));
}

const Oid kSysObjectId = oid({1, 3, 6, 1, 2, 1, 1, 2, 0});
const Oid kPrtAlertTable = oid({1, 3, 6, 1, 2, 1, 43, 18, 1, 1});

QList<Oid> scalarOids()
{
    return {
        oid({1, 3, 6, 1, 2, 1, 1, 1, 0}),            // sysDescr
        kSysObjectId,                                // sysObjectID
        oid({1, 3, 6, 1, 2, 1, 1, 5, 0}),            // sysName
        oid({1, 3, 6, 1, 2, 1, 1, 6, 0}),            // sysLocation
        oid({1, 3, 6, 1, 2, 1, 43, 5, 1, 1, 1, 1}),  // prtGeneralConfigChanges.1
        oid({1, 3, 6, 1, 2, 1, 43, 5, 1, 1, 17, 1}), // prtGeneralSerialNumber.1
        oid({1, 3, 6, 1, 2, 1, 43, 5, 1, 1, 19, 1}), // prtAlertAllEvents.1
    };
}

struct Walk {
    const char *field;
    Oid root;
};

QList<Walk> tableWalks()
{
    return {
        {"hrDeviceTable", oid({1, 3, 6, 1, 2, 1, 25, 3, 2, 1})},
        {"hrPrinterTable", oid({1, 3, 6, 1, 2, 1, 25, 3, 5, 1})},
        {"ifPhysAddress", oid({1, 3, 6, 1, 2, 1, 2, 2, 1, 6})},
        {"prtMarkerTable", oid({1, 3, 6, 1, 2, 1, 43, 10, 2, 1})},
        {"prtMarkerSuppliesTable", oid({1, 3, 6, 1, 2, 1, 43, 11, 1, 1})},
        {"prtMarkerColorantTable", oid({1, 3, 6, 1, 2, 1, 43, 12, 1, 1})},
        {"prtInputTable", oid({1, 3, 6, 1, 2, 1, 43, 8, 2, 1})},
        {"entPhysicalFirmwareRev", oid({1, 3, 6, 1, 2, 1, 47, 1, 1, 1, 1, 9})},
    };
}

struct ReadState {
    Target target;
    PrinterReader::Handler handler;
    PrinterReadResult result;
    const VendorProfile *profile = nullptr;
    int pending = 0;
    QList<FieldError> ioErrors;
    bool finished = false;
    QList<Alert> previousAlerts;
    bool reuseAlerts = false;
};

} // namespace

PrinterReader::PrinterReader(SnmpEngine &engine, const ProfileRegistry &profiles)
    : m_engine(engine), m_profiles(profiles)
{
}

void PrinterReader::read(const Target &target, Handler handler, const PrinterReadResult *previous)
{
    auto st = std::make_shared<ReadState>();
    st->target = target;
    st->handler = std::move(handler);

    const auto complete = [st] {
        if (st->finished || st->pending > 0) {
            return;
        }
        st->finished = true;
        st->result.model = mapPrinter(st->result.values, st->profile);
        if (st->reuseAlerts) {
            st->result.model.alerts = st->previousAlerts;
        }
        st->result.model.errors += st->ioErrors;
        st->handler(std::move(st->result));
    };

    std::optional<quint32> prevConfig;
    std::optional<quint32> prevEvents;
    if (previous && previous->outcome == Outcome::Ok) {
        prevConfig = previous->model.configChanges;
        prevEvents = previous->model.alertEvents;
        st->previousAlerts = previous->model.alerts;
    }

    st->pending = 1;
    m_engine.get(target, scalarOids(), [this, st, complete, prevConfig, prevEvents](const Response &r) {
        --st->pending;
        if (r.outcome == Outcome::Timeout || isSecurityFailure(r.outcome) || r.outcome == Outcome::InvalidRequest ||
            r.outcome == Outcome::SendFailed) {
            st->finished = true;
            st->result.outcome = r.outcome;
            st->result.message = r.message;
            if (r.outcome == Outcome::Timeout) {
                st->result.model.status = QStringLiteral("unreachable");
            }
            st->handler(std::move(st->result));
            return;
        }
        if (r.outcome != Outcome::Ok) {
            // SNMPv1 agents fail the whole GET when one object is missing; the
            // walks below still read the tables.
            st->ioErrors.append({QStringLiteral("identity"), QString(), r.message});
        }
        quint32 enterprise = 0;
        std::optional<quint32> config;
        std::optional<quint32> events;
        for (const VarBind &vb : r.varBinds) {
            if (vb.value.isException() || vb.value.type == Value::Type::Null) {
                continue;
            }
            st->result.values.insert(vb.oid, vb.value);
            if (vb.oid == kSysObjectId && vb.value.type == Value::Type::ObjectId && vb.value.oid.size() > 6) {
                enterprise = vb.value.oid.parts().at(6);
            }
            if (vb.oid.size() == 12 && vb.value.isUnsignedType()) {
                if (vb.oid.parts().at(10) == 1) {
                    config = static_cast<quint32>(vb.value.unsigned64);
                } else if (vb.oid.parts().at(10) == 19) {
                    events = static_cast<quint32>(vb.value.unsigned64);
                }
            }
        }
        st->profile = m_profiles.forEnterprise(enterprise);
        st->reuseAlerts =
            prevEvents && prevConfig && events && config && *events == *prevEvents && *config == *prevConfig;

        QList<Walk> walks = tableWalks();
        if (!st->reuseAlerts) {
            walks.append({"prtAlertTable", kPrtAlertTable});
        }
        for (const Walk &w : walks) {
            ++st->pending;
            const QString field = QLatin1String(w.field);
            m_engine.walk(st->target, w.root, [st, complete, field](const WalkResult &wr) {
                --st->pending;
                for (const VarBind &vb : wr.varBinds) {
                    st->result.values.insert(vb.oid, vb.value);
                }
                if (wr.outcome != Outcome::Ok) {
                    st->ioErrors.append({field, QString(), wr.message});
                }
                complete();
            });
        }
        if (st->profile && !st->profile->oids().isEmpty()) {
            ++st->pending;
            const auto profileOids = st->profile->oids();
            m_engine.get(st->target, profileOids, [st, complete](const Response &pr) {
                --st->pending;
                for (const VarBind &vb : pr.varBinds) {
                    if (!vb.value.isException() && vb.value.type != Value::Type::Null) {
                        st->result.values.insert(vb.oid, vb.value);
                    }
                }
                if (pr.outcome != Outcome::Ok) {
                    st->ioErrors.append({QStringLiteral("counters"), QString(), pr.message});
                }
                complete();
            });
        }
        complete();
    });
}

} // namespace netgateway::snmp
