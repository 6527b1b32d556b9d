import XunchaCore

/// What a reporter adds with their query code: text, and on the page's file form also files
/// (which travel beside the input).
public struct AdditionInput: Decodable, Sendable {
    public var queryCode: String
    public var content: String
    /// Set by the form that also takes files, so an empty submission is told what it may send.
    public var acceptsFiles = false

    public init(queryCode: String, content: String, acceptsFiles: Bool = false) {
        self.queryCode = queryCode
        self.content = content
        self.acceptsFiles = acceptsFiles
    }

    enum CodingKeys: String, CodingKey {
        case queryCode, content
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        queryCode = try c.decodeIfPresent(String.self, forKey: .queryCode) ?? ""
        content = try c.decodeIfPresent(String.self, forKey: .content) ?? ""
    }
}

/// A reporter replacing a staff-issued code with digits of their own, typed twice (the API sends
/// them once).
public struct QueryCodeChangeInput: Decodable, Sendable {
    public var queryCode: String
    public var newQueryCode: String
    public var newQueryCodeAgain: String?

    public init(queryCode: String, newQueryCode: String, newQueryCodeAgain: String?) {
        self.queryCode = queryCode
        self.newQueryCode = newQueryCode
        self.newQueryCodeAgain = newQueryCodeAgain
    }

    func chosenCode() throws(InputError) -> QueryCode {
        let chosen: QueryCode
        do {
            chosen = try QueryCode(parsing: newQueryCode)
        } catch {
            var e = error
            e.field = "new_query_code"
            throw e
        }
        if let again = newQueryCodeAgain, (try? QueryCode(parsing: again)) != chosen {
            throw InputError(
                code: "query_code_mismatch",
                zh: "两次输入的新查询码不一致。",
                en: "the new query code and its repetition differ.",
                field: "new_query_code_again"
            )
        }
        if chosen == (try? QueryCode(parsing: queryCode)) {
            throw InputError(
                code: "query_code_unchanged",
                zh: "新查询码不能与工作人员给您的查询码相同。",
                en: "the new query code must differ from the issued one.",
                field: "new_query_code"
            )
        }
        return chosen
    }
}
