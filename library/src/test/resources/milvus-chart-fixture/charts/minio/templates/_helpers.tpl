{{- define "minio.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "minio.container" -}}
- name: minio
  image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  ports:
    - name: {{ if .Values.tls.enabled }}https{{ else }}http{{ end }}
      containerPort: 9000
  {{- if .Values.livenessProbe.enabled }}
  livenessProbe:
    httpGet:
      path: /minio/health/live
      port: {{ if .Values.tls.enabled }}https{{ else }}http{{ end }}
    initialDelaySeconds: {{ .Values.livenessProbe.initialDelaySeconds }}
    periodSeconds: {{ .Values.livenessProbe.periodSeconds }}
    timeoutSeconds: {{ .Values.livenessProbe.timeoutSeconds }}
    successThreshold: {{ .Values.livenessProbe.successThreshold }}
    failureThreshold: {{ .Values.livenessProbe.failureThreshold }}
  {{- end }}
  {{- if .Values.readinessProbe.enabled }}
  readinessProbe:
    tcpSocket:
      port: {{ if .Values.tls.enabled }}https{{ else }}http{{ end }}
    initialDelaySeconds: {{ .Values.readinessProbe.initialDelaySeconds }}
    periodSeconds: {{ .Values.readinessProbe.periodSeconds }}
    timeoutSeconds: {{ .Values.readinessProbe.timeoutSeconds }}
    successThreshold: {{ .Values.readinessProbe.successThreshold }}
    failureThreshold: {{ .Values.readinessProbe.failureThreshold }}
  {{- end }}
  {{- if .Values.startupProbe.enabled }}
  startupProbe:
    tcpSocket:
      port: {{ if .Values.tls.enabled }}https{{ else }}http{{ end }}
    initialDelaySeconds: {{ .Values.startupProbe.initialDelaySeconds }}
    periodSeconds: {{ .Values.startupProbe.periodSeconds }}
    timeoutSeconds: {{ .Values.startupProbe.timeoutSeconds }}
    successThreshold: {{ .Values.startupProbe.successThreshold }}
    failureThreshold: {{ .Values.startupProbe.failureThreshold }}
  {{- end }}
  resources: {{- toYaml .Values.resources | nindent 4 }}
{{- end -}}
