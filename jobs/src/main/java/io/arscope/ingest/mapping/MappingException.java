package io.arscope.ingest.mapping;

/** A mapping file that cannot be used; its message says which file and what to fix. */
public class MappingException extends io.arscope.job.UsageException {
    public MappingException(String message) {
        super(message);
    }
}
