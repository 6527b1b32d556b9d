import Foundation

/// What the MIME reader makes of one message: always a value, never an error. What could not be
/// read is named in `problems` (DESIGN.md invariant 5); the raw bytes stay with the caller.
public struct MailMessage: Sendable {
    /// Without the angle brackets; nil when the header is missing or empty.
    public var messageID: String?
    /// The Date header as read; nil when missing or unreadable (see `problems`).
    public var date: Date?
    public var from: MailAddress?
    public var replyTo: MailAddress?
    /// Decoded; empty when there is none.
    public var subject: String
    /// The readable body: text parts, or HTML turned into text when there is nothing else.
    public var text: String
    /// The body came from HTML because the message had no usable plain text.
    public var htmlFallbackUsed: Bool
    /// Every part that is not body text, in message order, with its decoded bytes.
    public var attachments: [MailAttachment]
    public var problems: [MailProblem]
    /// The top-level header block, for whoever needs more than the fields above.
    public var headers: MailHeaders

    /// Problems that lost content, as opposed to notes on how something was read.
    public var lostContent: [MailProblem] { problems.filter(\.lostContent) }
}

public struct MailAttachment: Sendable, Equatable {
    /// The MIME part number as IMAP counts it ("2", "1.3"); "1" for a single-part message.
    public var part: String
    /// Decoded (RFC 2231 or RFC 2047), directory components removed; nil when the sender gave none.
    public var filename: String?
    /// `type/subtype`, lower-cased.
    public var mediaType: String
    public var contentID: String?
    /// Shown in the body (an image pasted into the text) rather than attached.
    public var isInline: Bool
    public var data: Data

    public init(part: String, filename: String?, mediaType: String, contentID: String? = nil, isInline: Bool = false, data: Data) {
        self.part = part
        self.filename = filename
        self.mediaType = mediaType
        self.contentID = contentID
        self.isInline = isInline
        self.data = data
    }
}

/// Something about the message worth knowing: content that could not be read, or how a lying or
/// missing label was worked around.
public struct MailProblem: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// The declared charset did not fit (or was missing); the text was read with `detail`'s charset.
        case charsetGuessed = "charset_guessed"
        /// Some characters could not be read in any charset and were replaced by U+FFFD.
        case unreadableCharacters = "unreadable_characters"
        /// Characters that are not base64 were skipped, or the data was cut short.
        case malformedBase64 = "malformed_base64"
        case malformedQuotedPrintable = "malformed_quoted_printable"
        /// An unknown Content-Transfer-Encoding; the part was kept as it arrived.
        case unknownTransferEncoding = "unknown_transfer_encoding"
        /// A header line over the limit was cut.
        case headerTooLong = "header_too_long"
        case tooManyParts = "too_many_parts"
        case tooDeep = "too_deep"
        case messageTooLarge = "message_too_large"
        /// A multipart without its closing delimiter (often a message cut in transit).
        case unterminatedMultipart = "unterminated_multipart"
        /// A multipart without a usable boundary; its body was read as plain text.
        case missingBoundary = "missing_boundary"
        case missingMessageID = "missing_message_id"
        case missingDate = "missing_date"
        case unreadableDate = "unreadable_date"
        /// The Date header was implausible against the arrival time; the arrival time was used.
        case dateReplaced = "date_replaced"
        /// The readable text was longer than a report holds and was cut.
        case textTruncated = "text_truncated"
        /// A reporter identity field (sender address, phone) Core would refuse was left out.
        case identityFieldDropped = "identity_field_dropped"
        /// An attachment the attachment policy refused (type or size); it stays in the raw message.
        case attachmentNotStored = "attachment_not_stored"
        /// The raw message itself could not be kept (over the size limit).
        case originalNotStored = "original_not_stored"
    }

    public var kind: Kind
    /// The MIME part concerned (IMAP numbering); empty for the message as a whole.
    public var part: String
    /// What happened, in English, for staff and logs (never contains message content).
    public var detail: String

    public init(kind: Kind, part: String = "", detail: String) {
        self.kind = kind
        self.part = part
        self.detail = detail
    }

    /// Whether content was lost, rather than read another way.
    public var lostContent: Bool {
        switch self.kind {
        case .charsetGuessed, .missingMessageID, .missingDate, .unreadableDate, .dateReplaced, .malformedQuotedPrintable,
            .unknownTransferEncoding, .missingBoundary, .identityFieldDropped, .attachmentNotStored:
            false
        case .unreadableCharacters, .malformedBase64, .headerTooLong, .tooManyParts, .tooDeep, .messageTooLarge,
            .unterminatedMultipart, .textTruncated, .originalNotStored:
            true
        }
    }
}
