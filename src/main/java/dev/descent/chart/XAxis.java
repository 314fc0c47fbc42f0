package dev.descent.chart;

/** How the x values are shown: plain numbers (iteration, epoch, seconds) or wall-clock time (x in seconds). */
public enum XAxis {
    NUMBER, TIME
}
