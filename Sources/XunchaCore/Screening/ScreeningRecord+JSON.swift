/// The screening record as the store keeps it, written by `JSONText` rather than `JSONEncoder`:
/// the same bytes, each object's keys in sorted order, an optional left out when nil. A field added
/// to any of these types is added here too; `ScreeningRecordJSONTests` fails until it is.
extension ScreeningRecord: JSONWritable {
    /// The record as JSON text, as `JSONEncoder` with sorted keys and unescaped slashes writes it.
    public var jsonText: String {
        var json = JSONText(capacity: 8192)
        json.value(self)
        return json.text
    }

    public func write(to json: inout JSONText) {
        json.object {
            $0.key("accept_as_lead")
            $0.value(acceptAsLead)
            $0.field("deciding_rule", decidingRule)
            $0.key("disciplines")
            $0.value(disciplines)
            $0.key("non_lead")
            $0.value(nonLead)
            $0.key("reasons")
            $0.value(reasons)
            $0.field("recipient", recipient)
            $0.key("rules_version")
            $0.value(rulesVersion)
            $0.key("subjects")
            $0.value(subjects)
            $0.key("suggestion")
            $0.value(suggestion.rawValue)
        }
    }
}

extension ScreeningRecord.DisciplineScore: JSONWritable {
    public func write(to json: inout JSONText) {
        json.object {
            $0.key("articles")
            $0.value(articles)
            $0.key("code")
            $0.value(code)
            $0.key("cues")
            $0.value(cues)
            $0.key("score")
            $0.value(score)
        }
    }
}

extension ScreeningRecord.Cue: JSONWritable {
    public func write(to json: inout JSONText) {
        json.object {
            $0.key("end")
            $0.value(end)
            $0.key("entry")
            $0.value(entry)
            $0.key("modifiers")
            $0.value(modifiers)
            $0.key("start")
            $0.value(start)
            $0.key("text")
            $0.value(text)
            $0.key("weight")
            $0.value(weight)
        }
    }
}

extension ScreeningRecord.NonLeadScore: JSONWritable {
    public func write(to json: inout JSONText) {
        json.object {
            $0.key("code")
            $0.value(code)
            $0.key("score")
            $0.value(score)
        }
    }
}

extension ScreeningRecord.Subject: JSONWritable {
    public func write(to json: inout JSONText) {
        json.object {
            $0.key("candidates")
            $0.value(candidates)
            $0.key("confidence")
            $0.value(confidence)
            $0.key("end")
            $0.value(end)
            $0.key("kind")
            $0.value(kind)
            $0.field("name", name)
            $0.key("pattern")
            $0.value(pattern)
            $0.field("post", post)
            $0.field("role", role)
            $0.key("start")
            $0.value(start)
            $0.key("text")
            $0.value(text)
            $0.field("unit", unit)
        }
    }
}

extension ScreeningRecord.Candidate: JSONWritable {
    public func write(to json: inout JSONText) {
        json.object {
            $0.key("basis")
            $0.value(basis)
            $0.key("confidence")
            $0.value(confidence)
            $0.key("name")
            $0.value(name)
            $0.key("post")
            $0.value(post)
            $0.key("role")
            $0.value(role)
            $0.key("roster_index")
            $0.value(rosterIndex)
            $0.key("unit")
            $0.value(unit)
        }
    }
}

extension ScreeningReason: JSONWritable {
    public func write(to json: inout JSONText) {
        json.object {
            $0.key("decisive")
            $0.value(decisive)
            $0.key("evidence")
            $0.value(evidence)
            $0.key("message_zh")
            $0.value(messageZH)
            $0.key("rule")
            $0.value(rule)
        }
    }
}

extension ReasonEvidence: JSONWritable {
    public func write(to json: inout JSONText) {
        json.object {
            $0.field("end", end)
            $0.field("key", key)
            $0.key("kind")
            $0.value(kind.rawValue)
            $0.field("person", person)
            $0.field("roster_index", rosterIndex)
            $0.field("start", start)
            $0.field("text", text)
        }
    }
}

extension ReferralRecipient: JSONWritable {
    public func write(to json: inout JSONText) {
        json.object {
            $0.key("code")
            $0.value(code)
            $0.key("name_zh")
            $0.value(nameZH)
        }
    }
}

extension RosterPerson: JSONWritable {
    public func write(to json: inout JSONText) {
        json.object {
            $0.key("aliases")
            $0.value(aliases)
            $0.key("name")
            $0.value(name)
            $0.key("post")
            $0.value(post)
            $0.key("role")
            $0.value(role)
            $0.key("unit")
            $0.value(unit)
        }
    }
}

extension ScopeRoleInference: JSONWritable {
    public func write(to json: inout JSONText) {
        json.object {
            $0.key("explanation")
            $0.value(explanation)
            $0.key("matched")
            $0.value(matched)
            $0.key("role")
            $0.value(role.rawValue)
            $0.key("rule")
            $0.value(rule)
            $0.field("unitLevel", unitLevel)
        }
    }
}
