package dev.descent.security;

/** What a signed-in person may do: viewers watch, compare and export; admins also manage and delete. */
public enum Role {
    VIEWER, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
