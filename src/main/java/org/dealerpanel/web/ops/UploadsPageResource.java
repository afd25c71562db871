package org.dealerpanel.web.ops;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.dealerpanel.account.service.AccountLookup;
import org.dealerpanel.account.service.AccountLookup.AccountRef;
import org.dealerpanel.common.ApiException;
import org.dealerpanel.common.Params;
import org.dealerpanel.image.queue.OcrBacklog;
import org.dealerpanel.image.service.ImageService;
import org.dealerpanel.image.service.ImageService.Intake;
import org.dealerpanel.observation.service.ImportRunService;
import org.dealerpanel.observation.service.ObservationImportService;
import org.dealerpanel.observation.service.ObservationImportService.ImportRequest;
import org.dealerpanel.observation.service.ObservationImportService.ImportResult;
import org.dealerpanel.security.Role;
import org.dealerpanel.web.Pages;
import org.dealerpanel.web.WebContext;
import org.dealerpanel.web.i18n.OpsMessages;
import org.dealerpanel.web.ops.ImagesOutcome.FileOutcome;
import org.dealerpanel.web.ops.UploadsView.ImageForm;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Uploads: an observations CSV (the all-or-nothing import, streamed from the uploaded temporary file), a batch of
 * images for an account (each through the image intake), and the OCR queue's backlog. An upload sent by the page's
 * script (X-Requested-With or HX-Request) is answered with the result fragment only; without script, with the page.
 */
@Path("/uploads")
public class UploadsPageResource {
    static final List<String> PLATFORMS = List.of("wechat", "weibo", "qq", "taobao", "baidu-tieba", "xianyu");
    static final int MAX_SOURCE = 100;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance uploads(WebContext ctx, UploadsView view, CsvOutcome csv, ImagesOutcome images,
                                               OcrBacklog.Counts backlog, ImportsView imports);

        static native TemplateInstance uploads$csvResult(CsvOutcome csv);

        static native TemplateInstance uploads$imagesResult(ImagesOutcome images);

        static native TemplateInstance uploads$backlog(OcrBacklog.Counts backlog);

        static native TemplateInstance uploads$imports(ImportsView imports);
    }

    @Inject
    WebContext ctx;
    @Inject
    OpsText text;
    @Inject
    ObservationImportService importer;
    @Inject
    ImageService images;
    @Inject
    AccountLookup accounts;
    @Inject
    OcrBacklog backlog;
    @Inject
    ImportRunService importRuns;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance page(@RestQuery String account) {
        ImageForm form = ImageForm.EMPTY;
        if (account != null && !account.isBlank()) {
            try {
                AccountRef ref = accounts.byId(Long.parseLong(account.strip()));
                form = new ImageForm(ref.platform(), ref.handle(), "", "");
            } catch (NumberFormatException | ApiException e) {
                form = ImageForm.EMPTY;
            }
        }
        return full(new UploadsView(PLATFORMS, form, ""), null, null);
    }

    /** Imports an observations CSV, all or nothing; a bad file lists every bad line (the first 100) with its number. */
    @POST
    @Path("observations")
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response importCsv(@RestForm("file") FileUpload file, @RestForm String source,
                              @HeaderParam("X-Requested-With") String requestedWith, @HeaderParam("HX-Request") String hx) {
        OpsMessages m = text.of(ctx);
        String name = file == null ? "" : nz(file.fileName());
        long bytes = file == null ? 0 : file.size();
        String label = source == null || source.isBlank() ? defaultSource(name) : source.strip();
        CsvOutcome outcome;
        if (file == null || (name.isBlank() && bytes == 0)) {
            outcome = new CsvOutcome(name, bytes, null, FormError.field("file", m.csv_choose_file()));
        } else if (label.length() > MAX_SOURCE) {
            outcome = new CsvOutcome(name, bytes, null, FormError.field("source", m.csv_source_too_long(MAX_SOURCE)));
        } else {
            try (InputStream in = Files.newInputStream(file.uploadedFile())) {
                ImportResult result = importer.importCsv(in, new ImportRequest(label, name, bytes));
                outcome = new CsvOutcome(name, bytes, result, null);
            } catch (ApiException e) {
                outcome = new CsvOutcome(name, bytes, null, FormError.of(e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int status = outcome.ok() ? 200 : outcome.error().status();
        TemplateInstance body = fragment(requestedWith, hx)
                ? Pages.render(Templates.uploads$csvResult(outcome), ctx)
                : full(new UploadsView(PLATFORMS, ImageForm.EMPTY, source == null ? "" : source), outcome, null);
        return Response.status(status).entity(body).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    /** Stores a batch of images for one account (by id, or platform + handle); each file is accepted or refused alone. */
    @POST
    @Path("images")
    @RolesAllowed(Role.INVESTIGATOR)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response uploadImages(@RestForm("files") List<FileUpload> files, @RestForm String platform,
                                 @RestForm String handle, @RestForm String accountId, @RestForm String postedOn,
                                 @HeaderParam("X-Requested-With") String requestedWith, @HeaderParam("HX-Request") String hx) {
        OpsMessages m = text.of(ctx);
        ImageForm form = new ImageForm(nz(platform), nz(handle), nz(accountId), nz(postedOn));
        List<FileUpload> chosen = files == null ? List.of()
                : files.stream().filter(f -> !(nz(f.fileName()).isBlank() && f.size() == 0)).toList();
        ImagesOutcome outcome;
        AccountRef account = null;
        FormError error = null;
        try {
            if (!form.accountId().isBlank()) {
                try {
                    account = accounts.byId(Long.parseLong(form.accountId().strip()));
                } catch (NumberFormatException e) {
                    error = FormError.field("accountId", m.images_account_id_invalid());
                }
            } else if (!form.platform().isBlank() && !form.handle().isBlank()) {
                account = accounts.byKey(form.platform(), form.handle());
            } else {
                error = FormError.field("account", m.images_choose_account());
            }
        } catch (ApiException e) {
            error = FormError.of(e);
        }
        if (error == null && !form.postedOn().isBlank()) {
            try {
                Params.date("postedOn", form.postedOn().strip());
            } catch (ApiException e) {
                error = FormError.of(e);
            }
        }
        if (error == null && chosen.isEmpty()) {
            error = FormError.field("files", m.images_choose_files());
        }
        if (error != null) {
            outcome = new ImagesOutcome(account, List.of(), error);
        } else {
            List<FileOutcome> results = new ArrayList<>(chosen.size());
            for (FileUpload f : chosen) {
                results.add(intake(account.id(), f, form.postedOn().strip()));
            }
            outcome = new ImagesOutcome(account, results, null);
        }
        int status = outcome.ok() ? 200 : outcome.error().status();
        TemplateInstance body = fragment(requestedWith, hx)
                ? Pages.render(Templates.uploads$imagesResult(outcome), ctx)
                : full(new UploadsView(PLATFORMS, form, ""), null, outcome);
        return Response.status(status).entity(body).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    private FileOutcome intake(long accountId, FileUpload f, String postedOn) {
        String name = nz(f.fileName());
        try {
            Intake in = images.intake(accountId, f.uploadedFile(), null, postedOn);
            return new FileOutcome(name, in.stored() ? "queued" : "duplicate", in.sha256(), in.status(), in.mediaType(),
                    in.width(), in.height(), in.byteSize(), null);
        } catch (ApiException e) {
            return new FileOutcome(name, "refused", null, null, null, 0, 0, f.size(), FormError.of(e));
        }
    }

    /** The OCR backlog fragment, polled by the page every few seconds. */
    @GET
    @Path("ocr-backlog")
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance backlog() {
        return Pages.render(Templates.uploads$backlog(backlog.counts()), ctx);
    }

    /** The imports fragment (running imports with their progress, the latest finished), polled by the page. */
    @GET
    @Path("imports")
    @RolesAllowed(Role.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance imports() {
        return Pages.render(Templates.uploads$imports(imports(importRuns)), ctx);
    }

    static ImportsView imports(ImportRunService runs) {
        return ImportsView.of(runs.running(), runs.recent(10));
    }

    /** After a form POST without script, the address bar shows these paths: going there again shows the page. */
    @GET
    @Path("{form: observations|images}")
    @RolesAllowed(Role.VIEWER)
    @Operation(hidden = true)
    public Response back() {
        return Response.seeOther(java.net.URI.create("/uploads")).build();
    }

    private TemplateInstance full(UploadsView view, CsvOutcome csv, ImagesOutcome images) {
        return Pages.render(Templates.uploads(ctx, view, csv, images, backlog.counts(), imports(importRuns)), ctx);
    }

    private static boolean fragment(String requestedWith, String hx) {
        return "XMLHttpRequest".equalsIgnoreCase(requestedWith) || "true".equalsIgnoreCase(hx);
    }

    private static String defaultSource(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "csv-upload" : "upload:" + fileName.strip();
        return name.length() > MAX_SOURCE ? name.substring(0, MAX_SOURCE) : name;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
