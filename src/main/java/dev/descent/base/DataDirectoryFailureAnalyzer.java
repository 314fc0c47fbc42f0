package dev.descent.base;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

class DataDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectory.DataDirectoryException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectory.DataDirectoryException cause) {
        return new FailureAnalysis(
                "Descent cannot create or write its data directory " + cause.directory + ".",
                "Make that directory writable for this user, or point DESCENT_DATA_DIR to a writable directory.",
                cause);
    }
}
