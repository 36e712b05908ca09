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

// GET that survives SNMPv1's all-or-nothing answers: when the agent fails the
// PDU with an error-status, each OID is asked for on its own. The handler gets
// the first response (for its outcome) and every value obtained.
void tolerantGet(SnmpEngine &engine, const Target &target, const QList<Oid> &oids,
                 std::function<void(const Response &, QList<VarBind>)> handler)
{
    engine.get(target, oids, [&engine, target, oids, handler](const Response &r) {
        if (r.outcome != Outcome::ErrorStatus || oids.size() < 2) {
            handler(r, r.varBinds);
            return;
        }
        struct Gather {
            int pending = 0;
            QList<VarBind> values;
        };
        auto gather = std::make_shared<Gather>();
        gather->pending = static_cast<int>(oids.size());
        for (const Oid &single : oids) {
            engine.get(target, {single}, [gather, handler, r](const Response &one) {
                if (one.outcome == Outcome::Ok) {
                    gather->values += one.varBinds;
                }
                if (--gather->pending == 0) {
                    Response ok = r;
                    ok.outcome = Outcome::Ok;
                    ok.message.clear();
                    handler(ok, gather->values);
                }
            });
        }
    });
}

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
    tolerantGet(m_engine, target, scalarOids(),
                [this, st, complete, prevConfig, prevEvents](const Response &r, const QList<VarBind> &varBinds) {
                    --st->pending;
                    if (r.outcome == Outcome::Timeout || isSecurityFailure(r.outcome) ||
                        r.outcome == Outcome::InvalidRequest || r.outcome == Outcome::SendFailed) {
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
                    for (const VarBind &vb : varBinds) {
                        if (vb.value.isException() || vb.value.type == Value::Type::Null) {
                            continue;
                        }
                        st->result.values.insert(vb.oid, vb.value);
                        if (vb.oid == kSysObjectId && vb.value.type == Value::Type::ObjectId &&
                            vb.value.oid.size() > 6) {
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
                    st->reuseAlerts = prevEvents && prevConfig && events && config && *events == *prevEvents &&
                                      *config == *prevConfig;

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
                        tolerantGet(m_engine, st->target, profileOids,
                                    [st, complete](const Response &pr, const QList<VarBind> &profileValues) {
                                        --st->pending;
                                        for (const VarBind &vb : profileValues) {
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
