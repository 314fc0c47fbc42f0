package dev.descent.run;

/**
 * @param accepted   points stored by the batch
 * @param duplicates of those, how many replaced a point already stored at the same run, series and iteration
 */
public record AppendResult(int accepted, int duplicates) {
}
