import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The HTML side: Mustache templates shipped as resources, rendered with HTML escaping (a report
/// that contains markup is shown as text), and sent with headers that forbid scripts and framing.
struct Pages: Sendable {
    let library: MustacheLibrary
    let stylesheet: ByteBuffer

    init() async throws {
        guard let templates = Bundle.module.url(forResource: "Templates", withExtension: nil),
            let css = Bundle.module.url(forResource: "Static/xuncha", withExtension: "css")
        else { throw CocoaError(.fileNoSuchFile) }
        library = try Self.library(templates)
        stylesheet = ByteBuffer(data: try Data(contentsOf: css))
    }

    /// Every template under `folder`, named by its path without the extension (`public/home`),
    /// each escaping by Unicode scalar (`ScalarHTML`).
    static func library(_ folder: URL) throws -> MustacheLibrary {
        MustacheContentTypes.register(ScalarHTML(), named: ScalarHTML.name)
        var library = MustacheLibrary()
        let root = folder.standardizedFileURL.path + "/"
        for case let file as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) ?? .init()
        where file.pathExtension == "mustache" {
            let name = String(file.standardizedFileURL.deletingPathExtension().path.dropFirst(root.count))
            try library.register(ScalarHTML.pragma + (try String(contentsOf: file, encoding: .utf8)), named: name)
        }
        return library
    }

    /// A page's own policy: no scripts, no framing. The headers every answer carries (no-store,
    /// nosniff, no-referrer) are `EdgeMiddleware`'s.
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ]

    /// `model` is a page model struct: templates read its properties by name.
    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok, cookies: [Cookie] = []) -> Response {
        let html = library.render(model, withTemplate: template) ?? "<!doctype html><p>页面模板缺失：\(template)</p>"
        var headers = Self.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        for cookie in cookies { headers.append(.init(name: .setCookie, value: cookie.description)) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func redirect(to path: String, cookies: [Cookie] = []) -> Response {
        var headers = Self.securityHeaders
        headers[.location] = path
        for cookie in cookies { headers.append(.init(name: .setCookie, value: cookie.description)) }
        return Response(status: .seeOther, headers: headers)
    }
}
