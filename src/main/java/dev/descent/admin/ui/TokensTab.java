package dev.descent.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.descent.security.IssuedToken;
import dev.descent.security.TokenScope;
import dev.descent.security.TokenService;
import dev.descent.security.TokenSummary;

import java.util.Locale;

/** API tokens: create one (its secret shown once), revoke one. The service audits each change. */
class TokensTab extends VerticalLayout {

    final Grid<TokenSummary> tokens = new Grid<>();
    final TextField tokenName = new TextField("Token name");
    final Select<TokenScope> tokenScope = new Select<>();
    final Button createToken = new Button("Create token");

    private final TokenService tokenService;
    private final Runnable changed;

    TokensTab(TokenService tokenService, Runnable changed) {
        this.tokenService = tokenService;
        this.changed = changed;
        tokens.addColumn(TokenSummary::name).setHeader("Name").setAutoWidth(true);
        tokens.addColumn(t -> t.scope().name().toLowerCase(Locale.ROOT)).setHeader("Scope");
        tokens.addColumn(t -> AuditTab.time(t.createdAt())).setHeader("Created").setAutoWidth(true);
        tokens.addColumn(t -> t.lastUsedAt() == null ? "never" : AuditTab.time(t.lastUsedAt())).setHeader("Last used")
                .setAutoWidth(true);
        tokens.addColumn(new ComponentRenderer<>(t -> {
            if (t.revokedAt() != null) {
                return new Paragraph("revoked " + AuditTab.time(t.revokedAt()));
            }
            Button revoke = new Button("Revoke", e -> new ConfirmDialog("Revoke token " + t.name() + "?",
                    "Jobs using this token will get 401 from now on.", "Revoke", c -> {
                tokenService.revoke(t.id());
                changed.run();
            }).open());
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return revoke;
        })).setAutoWidth(true);
        tokenScope.setLabel("Scope");
        tokenScope.setItems(TokenScope.INGEST, TokenScope.ADMIN);
        tokenScope.setItemLabelGenerator(s -> s.name().toLowerCase(Locale.ROOT));
        tokenScope.setValue(TokenScope.INGEST);
        createToken.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        createToken.addClickListener(e -> {
            try {
                IssuedToken issued = tokenService.create(tokenName.getValue(), tokenScope.getValue());
                showOnce(issued);
                tokenName.clear();
                changed.run();
            } catch (IllegalArgumentException ex) {
                tokenName.setInvalid(true);
                tokenName.setErrorMessage(ex.getMessage());
            }
        });
        var form = new HorizontalLayout(tokenName, tokenScope, createToken);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(form, tokens);
    }

    void refresh() {
        tokens.setItems(tokenService.list());
    }

    private static void showOnce(IssuedToken issued) {
        Dialog dialog = new Dialog("Token " + issued.name());
        TextField secret = new TextField("Copy it now: it is shown only once");
        secret.setValue(issued.secret());
        secret.setReadOnly(true);
        secret.setWidth("32em");
        secret.addClassName("issued-token");
        dialog.add(secret);
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
        dialog.open();
    }
}
