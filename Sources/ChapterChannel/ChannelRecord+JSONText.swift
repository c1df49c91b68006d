// The hand-written encoding of the channel's records: exactly the shape of
// their synthesized `Codable` conformances (an enum case is an object with
// one key, its name, holding its labelled values; an unlabelled value is
// `_0`; nil members are left out).

extension ChannelRecord {
    /// The record as one line of JSON, newline included.
    public var jsonLine: String { json + "\n" }

    /// The record as JSON, on one line (no newline).
    public var json: String {
        var json = JSONText()
        write(into: &json)
        return json.text
    }

    func write(into json: inout JSONText) {
        json.object { record in
            switch self {
            case .start(let chunkLines):
                record.key("start") { $0.object { $0.key("chunkLines") { $0.array(chunkLines) { $0.int($1) } } } }
            case .end:
                record.key("end") { $0.object { _ in } }
            case .at(let item):
                record.key("at") { $0.object { $0.key("item") { $0.int(item) } } }
            case .block(let index), .blockEnd(let index):
                record.key(isBlockEnd ? "blockEnd" : "block") { $0.object { $0.key("index") { $0.int(index) } } }
            case .value(let id, let value):
                record.key("value") { json in
                    json.object { $0.key("id") { $0.int(id) }; $0.key("value") { value.write(into: &$0) } }
                }
            case .derivation(let id, let draws, let failures):
                record.key("derivation") { json in
                    json.object {
                        $0.key("id") { $0.int(id) }
                        $0.key("draws") { $0.int(draws) }
                        $0.key("failures") { $0.array(failures) { $1.write(into: &$0) } }
                    }
                }
            case .figure(let figure):
                record.key("figure") { json in json.object { $0.key("_0") { figure.write(into: &$0) } } }
            case .table(let table):
                record.key("table") { json in json.object { $0.key("_0") { table.write(into: &$0) } } }
            case .timeLimit(let milliseconds):
                record.key("timeLimit") { $0.object { $0.key("milliseconds") { $0.int(milliseconds) } } }
            }
        }
    }

    private var isBlockEnd: Bool {
        if case .blockEnd = self { return true }
        return false
    }
}

extension Value {
    func write(into json: inout JSONText) {
        json.object { member in
            switch self {
            case .double(_, let text): member.key("double") { $0.string(text) }
            case .float(_, let text): member.key("float") { $0.string(text) }
            case .int(_, let text): member.key("int") { $0.string(text) }
            case .bool(let b): member.key("bool") { $0.bool(b) }
            case .string(let s): member.key("string") { $0.string(s) }
            case .array(let items): member.key("array") { $0.array(items) { $1.write(into: &$0) } }
            case .other(let s): member.key("other") { $0.string(s) }
            }
        }
    }
}

extension CallSite {
    func write(into json: inout JSONText) {
        json.object { $0.key("file") { $0.string(file) }; $0.key("line") { $0.int(line) } }
    }
}

extension FigureRecord {
    func write(into json: inout JSONText) {
        json.object {
            $0.key("block", ifPresent: block) { $0.int($1) }
            $0.key("call", ifPresent: call) { $1.write(into: &$0) }
            $0.key("label") { $0.string(label) }
            $0.key("caption") { $0.string(caption) }
            $0.key("alt") { $0.string(alt) }
            $0.key("svg") { $0.string(svg) }
        }
    }
}

extension TableRecord {
    func write(into json: inout JSONText) {
        json.object {
            $0.key("block", ifPresent: block) { $0.int($1) }
            $0.key("call", ifPresent: call) { $1.write(into: &$0) }
            $0.key("label") { $0.string(label) }
            $0.key("caption") { $0.string(caption) }
            $0.key("header") { $0.array(header) { $0.string($1) } }
            $0.key("rows") { $0.array(rows) { json, row in json.array(row) { $0.string($1) } } }
        }
    }
}

extension DerivationFailure {
    func write(into json: inout JSONText) {
        json.object {
            $0.key("step") { $0.int(step) }
            $0.key("draw") { $0.int(draw) }
            $0.key("inputs") { json in
                json.array(inputs) { json, input in
                    json.object { $0.key("name") { $0.string(input.name) }; $0.key("value") { input.value.write(into: &$0) } }
                }
            }
            $0.key("first") { first.write(into: &$0) }
            $0.key("this") { this.write(into: &$0) }
            $0.key("disagreement") { disagreement.write(into: &$0) }
            $0.key("reference", ifPresent: reference) { $0.int($1) }
        }
    }
}

extension DerivationFailure.Disagreement {
    func write(into json: inout JSONText) {
        json.object { member in
            switch self {
            case .sizes: member.key("sizes") { $0.object { _ in } }
            case .notNumeric: member.key("notNumeric") { $0.object { _ in } }
            case .unevaluated(let message):
                member.key("unevaluated") { $0.object { $0.key("message") { $0.string(message) } } }
            case .element(let index, let difference):
                member.key("element") { json in
                    json.object { $0.key("index") { $0.int(index) }; $0.key("difference", ifPresent: difference) { $0.double($1) } }
                }
            case .inequality(let index):
                member.key("inequality") { json in json.object { $0.key("index") { $0.int(index) } } }
            case .losesDigits(let index, let difference, let spread):
                member.key("losesDigits") { json in
                    json.object {
                        $0.key("index") { $0.int(index) }
                        $0.key("difference") { $0.double(difference) }
                        $0.key("spread") { $0.double(spread) }
                    }
                }
            case .steadyOffset(let index, let difference, let relative, let count):
                member.key("steadyOffset") { json in
                    json.object {
                        $0.key("index") { $0.int(index) }
                        $0.key("difference") { $0.double(difference) }
                        $0.key("relative") { $0.bool(relative) }
                        $0.key("count") { $0.int(count) }
                    }
                }
            case .constantInput(let name):
                member.key("constantInput") { json in json.object { $0.key("name") { $0.string(name) } } }
            case .neverEvaluated: member.key("neverEvaluated") { $0.object { _ in } }
            case .outsideRange(let index, let low, let high):
                member.key("outsideRange") { json in
                    json.object {
                        $0.key("index") { $0.int(index) }
                        $0.key("low") { $0.double(low) }
                        $0.key("high") { $0.double(high) }
                    }
                }
            }
        }
    }
}
