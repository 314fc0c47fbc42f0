package dev.descent.chart;

public enum YScale {
    LINEAR, LOG
}
