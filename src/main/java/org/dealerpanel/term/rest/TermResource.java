package org.dealerpanel.term.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dealerpanel.common.Negotiation;
import org.dealerpanel.archive.service.RescanService;
import org.dealerpanel.common.Page;
import org.dealerpanel.common.Params;
import org.dealerpanel.lexicon.TermCategory;
import org.dealerpanel.security.Role;
import org.dealerpanel.term.service.TermMatchStore;
import org.dealerpanel.term.service.TermService;
import org.dealerpanel.term.service.TermService.NewTerm;
import org.dealerpanel.term.service.TermView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/terms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TermResource {
    static final String CSV = "text/csv";

    @Inject
    TermService terms;
    @Inject
    RescanService rescan;
    @Inject
    TermMatchStore matches;

    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "The active lexicon, or with asOf the lexicon as it was on that day")
    public List<TermView> list(@Parameter(description = "yyyy-mm-dd: terms added on or before and not deactivated by that day") @RestQuery String asOf,
                               @RestQuery String category) {
        return terms.list(Params.date("asOf", asOf), Params.enumValue("category", category, TermCategory.class));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER)
    public TermView get(@PathParam("id") long id) {
        return terms.get(id);
    }

    @GET
    @Path("rescan")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "The re-match of every stored post text and OCR text after a lexicon change: lexiconVersion it"
            + " applies, state (IDLE or RUNNING), done of total texts, and what it changed so far")
    public RescanService.RescanStatus rescan() {
        return rescan.status();
    }

    @GET
    @Path("export")
    @RolesAllowed(Role.VIEWER)
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "The active lexicon for platforms' filter teams: JSON {lexiconVersion, terms}, or CSV with"
            + " Accept: text/csv (term, category, note, addedOn, source, lexiconVersion; also in X-Lexicon-Version)")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TermService.LexiconExport.class)),
            @Content(mediaType = CSV)})
    public Response export(@Context HttpHeaders headers) {
        TermService.LexiconExport export = terms.export();
        String filename = "lexicon-v" + export.lexiconVersion();
        if (!Negotiation.wantsCsv(headers)) {
            return Response.ok(export, MediaType.APPLICATION_JSON).header("X-Lexicon-Version", export.lexiconVersion())
                    .header("Content-Disposition", "inline; filename=\"" + filename + ".json\"").build();
        }
        StringWriter out = new StringWriter();
        try (CSVPrinter p = CSVFormat.DEFAULT.builder()
                .setHeader("term", "category", "note", "addedOn", "source", "lexiconVersion").get().print(out)) {
            for (TermService.ExportedTerm t : export.terms()) {
                p.printRecord(t.term(), t.category(), t.note(), t.addedOn(), t.source(), export.lexiconVersion());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(out.toString(), CSV + "; charset=UTF-8").header("X-Lexicon-Version", export.lexiconVersion())
                .header("Content-Disposition", "attachment; filename=\"" + filename + ".csv\"").build();
    }

    @GET
    @Path("{id}/matches")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Where a term was found, newest first: the current hits, and with history=true also the hits"
            + " that are no longer current (term deactivated, text matched again), with the lexicon versions of each")
    public Page<TermMatchStore.TermHit> matches(@PathParam("id") long id, @RestQuery String history,
                                                @RestQuery String page, @RestQuery String size) {
        terms.get(id);
        boolean withHistory = history != null && (history.isBlank() || Boolean.parseBoolean(history.strip()));
        return matches.ofTerm(id, withHistory, Params.intInRange("page", page, 0, 0, 1_000_000),
                Params.intInRange("size", size, 50, 1, 1000));
    }

    @POST
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Add a term; 409 when an active term of the category has the same normalised form")
    public Response create(@NotNull NewTerm body) {
        TermView created = terms.create(body);
        return Response.created(URI.create("/api/v1/terms/" + created.id())).entity(created).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.INVESTIGATOR)
    @Operation(summary = "Deactivate a term (its history is kept; matching stops)")
    public TermView delete(@PathParam("id") long id) {
        return terms.deactivate(id);
    }
}
