import Foundation
import Hummingbird
import XunchaDesk

/// Every route of the server, in one table: who may reach it (the public, or a logged-in staff
/// account, whose routes get a `StaffRequestContext`), how its forms are read (`FormMiddleware`,
/// with the route's body limit), and how its refusals are answered (a page, or JSON).
func routes(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: SessionMiddleware(desk: services.desks.staff))
    router.get("/healthz") { _, _ in "ok" }
    router.get("/static/xuncha.css") { _, _ in
        Response(
            status: .ok,
            headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: services.pages.stylesheet)
        )
    }

    // The public pages. Their forms come back with what was typed when refused.
    let citizen = PublicPages(services: services)
    let publicPages = router.group().add(middleware: PageErrorMiddleware(pages: services.pages, audience: .citizen))
    publicPages.get("/", use: citizen.home)
    publicPages.get("status", use: citizen.statusForm)
    publicPages.group().add(middleware: FormMiddleware<AppRequestContext>(handlerAnswersRefusals: true))
        .post("report", use: citizen.submit)
        .post("status", use: citizen.status)
        .post("status/add", use: citizen.add)
        .post("status/code", use: citizen.changeCode)
    publicPages.group().add(middleware: FormMiddleware<AppRequestContext>(fileLimit: PublicPages.maxUploadBytes, handlerAnswersRefusals: true))
        .post("status/attach", use: citizen.attach)

    // The staff console: the login page for anyone, the rest for a logged-in account only.
    let console = StaffPages(services: services)
    let admin = StaffPages.Admin(services: services)
    let roster = StaffPages.Roster(services: services)
    let staffPages = router.group("staff").add(middleware: PageErrorMiddleware(pages: services.pages, audience: .staff))
    staffPages.get("login", use: console.loginForm)
    staffPages.group().add(middleware: FormMiddleware<AppRequestContext>(handlerAnswersRefusals: true))
        .post("login", use: console.login)
    let signedIn = staffPages.group(context: StaffRequestContext.self)
    signedIn.get("/", use: console.home)
    signedIn.get("password", use: console.passwordForm)
    signedIn.get("reports/:id", use: console.report)
    signedIn.get("reports/:id/attachments/:ordinal", use: console.downloadAttachment)
    signedIn.get("register/:channel", use: console.registrationForm)
    signedIn.get("admin/inspections/:id/roster", use: roster.page)
    signedIn.get("statistics", use: console.statistics)
    signedIn.get("statistics.xlsx", use: console.statisticsWorkbook)
    signedIn.group().add(middleware: FormMiddleware<StaffRequestContext>())
        .post("logout", use: console.logout)
        .post("password", use: console.changePassword)
        .post("reports/:id/decision", use: console.propose)
        .post("reports/:id/decision/approve", use: console.approve)
        .post("reports/:id/decision/return", use: console.returnProposal)
        .post("reports/:id/decision/reopen", use: console.reopen)
        .post("reports/:id/assignee", use: console.assign)
        .post("reports/:id/claim", use: console.claim)
        .post("reports/:id/notes", use: console.note)
        .post("reports/:id/replies", use: console.reply)
        .post("reports/:id/identity", use: console.revealIdentity)
        .post("rescreen", use: console.rescreen)
        .post("admin/inspections", use: admin.createInspection)
        .post("admin/inspections/announcement", use: admin.prefillFromAnnouncement)
        .post("admin/users", use: admin.createUser)
    signedIn.group().add(middleware: FormMiddleware<StaffRequestContext>(fileLimit: StaffPages.maxScanUploadBytes, handlerAnswersRefusals: true))
        .post("register/:channel", use: console.register)
    signedIn.group().add(middleware: FormMiddleware<StaffRequestContext>(fileLimit: StaffPages.Roster.maxUploadBytes, handlerAnswersRefusals: true))
        .post("admin/inspections/:id/roster/preview", use: roster.preview)
    signedIn.group().add(middleware: FormMiddleware<StaffRequestContext>(fileLimit: StaffPages.Roster.maxConfirmBytes, handlerAnswersRefusals: true))
        .post("admin/inspections/:id/roster", use: roster.confirm)

    // The JSON API (docs/api.md).
    let api = APIController(services: services)
    let apiRoutes = router.group("api/v1").add(middleware: APIErrorMiddleware<AppRequestContext>())
    apiRoutes.get("inspections", use: api.inspections)
        .post("reports", use: api.submit)
        .post("status", use: api.status)
        .post("status/additions", use: api.addition)
        .post("status/code", use: api.changeQueryCode)
        .post("session", use: api.login)
    apiRoutes.group(context: StaffRequestContext.self).add(middleware: APICSRFMiddleware())
        .delete("session", use: api.logout)
        .post("session/password", use: api.changePassword)
        .get("reports", use: api.inbox)
        .get("reports/:id", use: api.report)
        .post("reports/:id/decision", use: api.propose)
        .post("reports/:id/decision/approve", use: api.approve)
        .post("reports/:id/decision/return", use: api.returnProposal)
        .post("reports/:id/decision/reopen", use: api.reopen)
        .post("reports/:id/assignee", use: api.assign)
        .post("reports/:id/claim", use: api.claim)
        .post("reports/:id/notes", use: api.note)
        .get("leads", use: api.leads)
        .get("referrals", use: api.referrals)
        .get("statistics", use: api.statistics)
        .post("reports/:id/identity", use: api.revealIdentity)
        .get("reports/:id/attachments", use: api.attachments)
        .get("reports/:id/attachments/:ordinal", use: api.attachment)
        .post("rescreen", use: api.rescreen)
        .post("registrations", use: api.register)
        .post("inspections", use: api.createInspection)
        .post("inspections/:id/roster", use: api.importRoster)
        .get("staff", use: api.listStaff)
        .post("staff", use: api.createStaff)
    return router
}
