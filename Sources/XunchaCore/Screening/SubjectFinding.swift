/// What kind of subject a report is about, judged from the text (and the roster when there is one).
public enum SubjectKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// A leader in scope: leadership member, subordinate principal or key-post leader.
    case unitLeader = "unit_leader"
    /// An official or staff member outside the scope roles, or a person whose post is unknown.
    case otherOfficial = "other_official"
    /// A unit or body, no person.
    case organisation
    /// A boss, developer, neighbour: someone outside the Party and state organs.
    case privateParty = "private_party"
    /// Nobody recognisable.
    case noOne = "no_one"
}

/// How a mention was recognised.
public enum SubjectPattern: String, Codable, Sendable, Hashable {
    /// A roster name or alias on its own.
    case rosterName = "roster_name"
    /// A full name or 张某某 with a post: 张三局长, 李某某（副局长）, 副局长张三.
    case nameWithPost = "name_with_post"
    /// A surname with a post: 王书记, 王老板.
    case surnameWithPost = "surname_with_post"
    /// Surname + 某 with no post: 王某某.
    case nameOnly = "name_only"
    /// A post with no name: 该局局长, 村支书, 一把手.
    case postAlone = "post_alone"
    /// A unit or body: 县财政局, 某单位.
    case unit
}

/// A roster person a mention may mean, with how sure the finder is.
public struct SubjectCandidate: Codable, Sendable, Hashable {
    /// Index of the person in the finder's roster.
    public let rosterIndex: Int
    public let person: RosterPerson
    /// 0…1; shared between candidates when several fit equally.
    public let confidence: Double
    /// What matched: `name`, `alias`, `name+post`, `surname+post`, `post+unit`, `surname`.
    public let basis: String

    public init(rosterIndex: Int, person: RosterPerson, confidence: Double, basis: String) {
        self.rosterIndex = rosterIndex
        self.person = person
        self.confidence = confidence
        self.basis = basis
    }
}

/// One mention of someone (or some body) the report may be about, with its evidence.
public struct SubjectFinding: Codable, Sendable, Hashable {
    public var kind: SubjectKind
    public var pattern: SubjectPattern
    /// The words as the reporter wrote them.
    public var text: String
    /// Unicode-scalar range in the original text.
    public var range: Range<Int>
    /// The name in simplified script (张三, 张某某, 王), when one was read.
    public var name: String?
    /// The post in simplified script with any office in front (财务科科长), when one was read.
    public var post: String?
    /// The unit next to the post or the unit mentioned (县财政局, 该局).
    public var unit: String?
    /// The scope role: the single candidate's, else inferred from the post in the text.
    public var role: ScopeRoleInference?
    /// Roster people this mention may mean, best first; several when it is ambiguous.
    public var candidates: [SubjectCandidate]
    /// How sure the finder is that this is a subject of the given kind, 0…1.
    public var confidence: Double

    public init(
        kind: SubjectKind,
        pattern: SubjectPattern,
        text: String,
        range: Range<Int>,
        name: String? = nil,
        post: String? = nil,
        unit: String? = nil,
        role: ScopeRoleInference? = nil,
        candidates: [SubjectCandidate] = [],
        confidence: Double
    ) {
        self.kind = kind
        self.pattern = pattern
        self.text = text
        self.range = range
        self.name = name
        self.post = post
        self.unit = unit
        self.role = role
        self.candidates = candidates
        self.confidence = confidence
    }

    /// True when exactly one roster person fits.
    public var isResolved: Bool { candidates.count == 1 }
}

/// Everything `SubjectFinder` read in one report, and its judgement of who the report is about.
public struct SubjectAnalysis: Codable, Sendable, Hashable {
    /// Mentions in text order.
    public var findings: [SubjectFinding]
    /// The overall kind: a leader in scope beats another official, who beats an organisation
    /// or a private party (the more mentioned of the two, organisation on a tie); else no one.
    public var kind: SubjectKind
    /// Index in `findings` of the mention that decided `kind`, nil for `noOne`.
    public var decidingFinding: Int?

    public init(findings: [SubjectFinding], kind: SubjectKind, decidingFinding: Int?) {
        self.findings = findings
        self.kind = kind
        self.decidingFinding = decidingFinding
    }
}
