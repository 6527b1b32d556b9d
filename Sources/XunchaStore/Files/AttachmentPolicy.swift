import Foundation
import XunchaCore

/// A file that arrived with a report, from any channel: an e-mail's attachment or the raw message,
/// a letter's scan, a reporter's upload. Nothing here is trusted: the name and the type are what
/// the sender said, and `AttachmentPolicy` checks them against the bytes.
public struct NewAttachment: Sendable {
    /// As the sender gave it; cleaned before it is stored. Nil when there was none.
    public var filename: String?
    /// What the sender declared (`type/subtype`); the bytes decide.
    public var declaredType: String
    public var data: Data

    public init(filename: String?, declaredType: String, data: Data) {
        self.filename = filename
        self.declaredType = declaredType
        self.data = data
    }
}

/// What may be kept with a report: documents, images, audio and video, mail messages and archives
/// (kept unopened, so a zip bomb is only its own size), within limits per file and per report.
/// The type is read from the bytes (magic numbers), then the name, then the declaration; a file
/// that claims to be an image or PDF and is not, or that is a program, is refused.
public struct AttachmentPolicy: Sendable {
    public var maxFileBytes = 50 * 1_048_576
    public var maxReportBytes = 150 * 1_048_576
    public var maxFilesPerReport = 100

    public init() {}

    public init(maxFileBytes: Int, maxReportBytes: Int, maxFilesPerReport: Int) {
        self.maxFileBytes = maxFileBytes
        self.maxReportBytes = maxReportBytes
        self.maxFilesPerReport = maxFilesPerReport
    }

    /// The media type a file is kept under, or why it is refused. Size limits are checked in `admit`.
    public func mediaType(of file: NewAttachment) throws(InputError) -> String {
        let name = Self.cleanFilename(file.filename, fallback: "file")
        let declared = file.declaredType.lowercased().split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let byName = Self.typeByExtension[(name as NSString).pathExtension.lowercased()]
        switch Self.sniff(file.data) {
        case .executable:
            throw Self.refusal("attachment_executable", name, zh: "是可执行程序，不予保存", en: "is an executable program")
        case .known(let type):
            // Zip and OLE containers hold Office files; the name says which.
            if type == "application/zip" || type == "application/x-ole-storage" {
                if let byName, !Self.hasSignature(byName) || Self.container(of: byName) == type { return byName }
                return type == "application/zip" ? type : "application/msword"
            }
            return type
        case .unknown:
            let claimed = [declared, byName].compactMap { $0 }.filter { !$0.isEmpty && $0 != "application/octet-stream" }
            if let signed = claimed.first(where: Self.hasSignature) {
                throw Self.refusal(
                    "attachment_type_mismatch",
                    name,
                    zh: "声明为 \(signed)，但内容不是该类型",
                    en: "claims to be \(signed) but its content is not"
                )
            }
            if let type = claimed.first(where: Self.allowedWithoutSignature) { return type }
            throw Self.refusal(
                "attachment_type_refused",
                name,
                zh: "类型不在允许范围内（文档、图片、音频、视频、邮件、压缩包）",
                en: "is not an allowed type (documents, images, audio, video, mail, archives)"
            )
        }
    }

    /// Splits `files` into those that may be kept, in order, and those refused with the reason;
    /// `existingCount` and `existingBytes` are what the report already holds.
    public func admit(
        _ files: [NewAttachment],
        existingCount: Int = 0,
        existingBytes: Int = 0
    ) -> (accepted: [(file: NewAttachment, mediaType: String)], refused: [(index: Int, error: InputError)]) {
        var accepted: [(file: NewAttachment, mediaType: String)] = []
        var refused: [(index: Int, error: InputError)] = []
        var count = existingCount
        var bytes = existingBytes
        for (index, file) in files.enumerated() {
            let name = Self.cleanFilename(file.filename, fallback: "file")
            do throws(InputError) {
                if file.data.count > maxFileBytes {
                    throw Self.refusal(
                        "attachment_too_large",
                        name,
                        zh: "大小为 \(Self.megabytes(file.data.count))，超过每个附件 \(Self.megabytes(maxFileBytes)) 的上限",
                        en: "is \(Self.megabytes(file.data.count)), over the \(Self.megabytes(maxFileBytes)) limit per file"
                    )
                }
                if count + 1 > maxFilesPerReport {
                    throw Self.refusal(
                        "attachment_too_many",
                        name,
                        zh: "超过每件反映 \(maxFilesPerReport) 个附件的上限",
                        en: "is over the limit of \(maxFilesPerReport) files per report"
                    )
                }
                if bytes + file.data.count > maxReportBytes {
                    throw Self.refusal(
                        "attachment_report_too_large",
                        name,
                        zh: "使本件反映的附件总量超过 \(Self.megabytes(maxReportBytes)) 的上限",
                        en: "would take the report's files over \(Self.megabytes(maxReportBytes))"
                    )
                }
                let type = try mediaType(of: file)
                accepted.append((file, type))
                count += 1
                bytes += file.data.count
            } catch {
                refused.append((index, error))
            }
        }
        return (accepted, refused)
    }

    /// A name safe to store and show: no directories, no control characters, at most 120 characters.
    public static func cleanFilename(_ name: String?, fallback: String) -> String {
        let last = (name ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let kept = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        let cleaned = kept.isEmpty || kept == "." || kept == ".." ? fallback : kept
        return cleaned.count > 120 ? String(cleaned.prefix(60)) + "…" + String(cleaned.suffix(59)) : cleaned
    }

    static func megabytes(_ n: Int) -> String { String(format: "%.1f MB", Double(n) / 1_048_576) }

    /// A size for people: "512 B", "12.3 KB", "4.5 MB".
    public static func megabytesOrKB(_ n: Int) -> String {
        n < 1024 ? "\(n) B" : n < 1_048_576 ? String(format: "%.1f KB", Double(n) / 1024) : megabytes(n)
    }

    static func refusal(_ code: String, _ name: String, zh: String, en: String) -> InputError {
        InputError(code: code, zh: "附件“\(name)”\(zh)。", en: "attachment \"\(name)\" \(en).", field: "attachments")
    }

    // MARK: Types

    enum Sniffed: Equatable {
        case known(String)
        case executable
        case unknown
    }

    /// The type the first bytes prove, for the formats that have a signature.
    static func sniff(_ data: Data) -> Sniffed {
        let b = [UInt8](data.prefix(16))
        func starts(_ s: [UInt8], at offset: Int = 0) -> Bool { b.count >= offset + s.count && Array(b[offset..<offset + s.count]) == s }
        func ascii(_ s: String, at offset: Int = 0) -> Bool { starts(Array(s.utf8), at: offset) }
        if starts([0x4D, 0x5A]) || starts([0x7F, 0x45, 0x4C, 0x46]) || starts([0xCF, 0xFA, 0xED, 0xFE]) || (ascii("#!") && !ascii("#!AMR")) {
            return .executable
        }
        if ascii("%PDF-") { return .known("application/pdf") }
        if starts([0xFF, 0xD8, 0xFF]) { return .known("image/jpeg") }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .known("image/png") }
        if ascii("GIF87a") || ascii("GIF89a") { return .known("image/gif") }
        if ascii("BM") && b.count >= 14 { return .known("image/bmp") }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .known("image/tiff") }
        if ascii("RIFF") && ascii("WEBP", at: 8) { return .known("image/webp") }
        if ascii("RIFF") && ascii("WAVE", at: 8) { return .known("audio/wav") }
        if ascii("RIFF") && ascii("AVI ", at: 8) { return .known("video/x-msvideo") }
        if ascii("ftyp", at: 4) {
            let brand = String(decoding: b.dropFirst(8).prefix(4), as: UTF8.self)
            if ["heic", "heix", "mif1", "msf1"].contains(brand) { return .known("image/heic") }
            if brand.hasPrefix("M4A") { return .known("audio/mp4") }
            if brand == "qt  " { return .known("video/quicktime") }
            return .known("video/mp4")
        }
        if ascii("#!AMR") { return .known("audio/amr") }
        if ascii("OggS") { return .known("audio/ogg") }
        if ascii("fLaC") { return .known("audio/flac") }
        if ascii("ID3") || (b.count >= 2 && b[0] == 0xFF && b[1] & 0xE0 == 0xE0) { return .known("audio/mpeg") }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .known("application/zip") }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .known("application/x-ole-storage") }
        if ascii("Rar!") { return .known("application/vnd.rar") }
        if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return .known("application/x-7z-compressed") }
        if starts([0x1F, 0x8B]) { return .known("application/gzip") }
        if ascii("{\\rtf") { return .known("application/rtf") }
        return .unknown
    }

    /// Types whose files always start with a signature `sniff` knows.
    static func hasSignature(_ type: String) -> Bool {
        (type.hasPrefix("image/") && type != "image/svg+xml") || type == "application/pdf" || container(of: type) != nil
    }

    static func container(of type: String) -> String? {
        if type.hasPrefix("application/vnd.openxmlformats") || type.hasPrefix("application/vnd.oasis") || type == "application/ofd"
            || type == "application/zip"
        {
            return "application/zip"
        }
        if ["application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/vnd.ms-works"].contains(type) {
            return "application/x-ole-storage"
        }
        return nil
    }

    /// Text formats without a signature, allowed on the sender's word (never served as a page).
    static func allowedWithoutSignature(_ type: String) -> Bool {
        ["text/plain", "text/csv", "text/html", "message/rfc822", "text/rfc822-headers", "message/delivery-status", "text/calendar"]
            .contains(type)
    }

    static let typeByExtension: [String: String] = [
        "pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
        "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff", "webp": "image/webp", "heic": "image/heic",
        "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
        "wps": "application/vnd.ms-works",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "ofd": "application/ofd", "zip": "application/zip", "txt": "text/plain", "csv": "text/csv", "htm": "text/html",
        "html": "text/html", "eml": "message/rfc822", "mp3": "audio/mpeg", "m4a": "audio/mp4", "amr": "audio/amr",
        "wav": "audio/wav", "mp4": "video/mp4", "mov": "video/quicktime",
    ]
}
